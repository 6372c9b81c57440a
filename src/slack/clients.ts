import type { WebClient } from "@slack/web-api";

/*
 * The parts of the Web API client that the listeners and the digest use. Bolt hands them a whole `WebClient`; asking
 * for only these lets a unit test pass a fake that records the calls, and shows at a glance what each one calls.
 */

export interface ChatClient {
  chat: Pick<WebClient["chat"], "postMessage">;
}

export interface ViewsClient {
  views: Pick<WebClient["views"], "publish">;
}

/** Opens a modal (the digest's set-up) where a command was typed or a button clicked. */
export interface ModalClient {
  views: Pick<WebClient["views"], "open">;
}
