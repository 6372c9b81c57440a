import type { App, BlockButtonAction } from "@slack/bolt";
import type { SlackDeps } from "../../dependencies.ts";
import { DIGEST_HOME_ACTIONS } from "../../render/home.ts";
import { SHARE_ACTION, SUGGESTION_ACTION } from "../../render/index.ts";
import { askSuggestion } from "./ask-suggestion.ts";
import { addDigest, editDigest, stopDigest } from "./digest-home.ts";
import { shareAnswer } from "./share-answer.ts";

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(SHARE_ACTION, shareAnswer(deps));
  app.action<BlockButtonAction>(new RegExp(`^${SUGGESTION_ACTION}_\\d+$`), askSuggestion(deps));
  app.action<BlockButtonAction>(DIGEST_HOME_ACTIONS.add, addDigest(deps));
  app.action<BlockButtonAction>(DIGEST_HOME_ACTIONS.edit, editDigest(deps));
  app.action<BlockButtonAction>(DIGEST_HOME_ACTIONS.stop, stopDigest(deps));
}
