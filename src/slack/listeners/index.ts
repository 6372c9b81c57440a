import type { App } from "@slack/bolt";
import type { SlackDeps } from "../dependencies.ts";
import { adminFlagsCache } from "../digest.ts";
import * as actions from "./actions/index.ts";
import * as commands from "./commands/index.ts";
import * as events from "./events/index.ts";
import * as options from "./options/index.ts";
import * as views from "./views/index.ts";

/** Listeners by kind, as in Bolt's starter templates: each folder registers its own. */
export function registerListeners(app: App, given: SlackDeps): void {
  // One cache of users' workspace roles for the app, so a few digest commands in a row make one users.info call.
  const deps = { ...given, adminFlags: given.adminFlags ?? adminFlagsCache(given.logger) };
  commands.register(app, deps);
  events.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
  options.register(app, deps);
}
