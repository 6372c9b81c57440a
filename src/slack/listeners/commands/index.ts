import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../dependencies.ts";
import { digestCommand } from "./digest.ts";
import { ombudsCommand } from "./ombuds.ts";

/**
 * Bolt runs every listener registered for a command. Each of these takes only its own texts (`digest …`, or
 * anything else), so exactly one of them acknowledges any `/ombuds`.
 */
export function register(app: App, deps: SlackDeps): void {
  app.command("/ombuds", ombudsCommand(deps));
  app.command("/ombuds", digestCommand(deps));
}
