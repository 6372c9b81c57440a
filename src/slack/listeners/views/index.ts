import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../dependencies.ts";
import { DIGEST_MODAL } from "../../render/digest-modal.ts";
import { digestSetup } from "./digest-setup.ts";

/** Modals' submissions. */
export function register(app: App, deps: SlackDeps): void {
  app.view(DIGEST_MODAL, digestSetup(deps));
}
