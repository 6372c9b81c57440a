import type { WebClientOptions } from "@slack/web-api";
import { watchedFetch } from "./fetch.ts";
import { reportedByWatch } from "./quiet.ts";
import type { Identity } from "./sign-in.ts";
import { SLACK_API_URL } from "./targets.ts";
import type { Watch } from "./watch.ts";

/**
 * What the Slack app (src/slack/app.ts) takes from the watch, so that it reports instead of repeating itself. With
 * these, the app's Socket Mode client does not reconnect by itself: `keepConnected` does.
 */
export interface Watching {
  /** For both Web API clients, Bolt's and the Socket Mode client's: a fetch that reports each call's outcome. */
  clientOptions: Pick<WebClientOptions, "fetch">;
  /** For the Socket Mode client's alone: one attempt per `apps.connections.open`, with a time limit. */
  socketClientOptions: Pick<WebClientOptions, "retryConfig" | "timeout">;
  /** From the start-up `auth.test`, so that Bolt does not make it again on a schedule of its own. */
  bot?: { botId: string; botUserId: string };
  /** Lines of the SDKs that the watch says better: written at debug. */
  reported(message: string): boolean;
}

/** A stalled `apps.connections.open` is given up after this, and tried again with the backoff. */
const OPEN_TIMEOUT_MS = 30_000;

export function watching(watch: Watch, identity: Identity, apiUrl: string = SLACK_API_URL): Watching {
  const { botId, botUserId } = identity;
  return {
    clientOptions: { fetch: watchedFetch(apiUrl, watch) },
    socketClientOptions: { retryConfig: { retries: 0 }, timeout: OPEN_TIMEOUT_MS },
    ...(botId && botUserId ? { bot: { botId, botUserId } } : {}),
    reported: reportedByWatch,
  };
}
