import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../dependencies.ts";
import { COUNCILS_ACTION } from "../../render/digest-modal.ts";
import { councilOptions } from "./councils.ts";

/** Options a select loads as it is typed into (`block_suggestion`). */
export function register(app: App, deps: SlackDeps): void {
  app.options<"block_suggestion">(COUNCILS_ACTION, councilOptions(deps));
}
