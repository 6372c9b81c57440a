import type { App } from "@slack/bolt";
import type { SlackDeps } from "../dependencies.ts";
import * as actions from "./actions/index.ts";
import * as commands from "./commands/index.ts";
import * as events from "./events/index.ts";

/** Listeners by kind, as in Bolt's starter templates: each folder registers its own. */
export function registerListeners(app: App, deps: SlackDeps): void {
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
}
