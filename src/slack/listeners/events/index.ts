import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../dependencies.ts";
import { appHomeOpened } from "./app-home-opened.ts";
import { appMention } from "./app-mention.ts";
import { directMessage } from "./direct-message.ts";

export function register(app: App, deps: SlackDeps): void {
  app.event("app_mention", appMention(deps));
  app.message(directMessage(deps));
  app.event("app_home_opened", appHomeOpened(deps));
}
