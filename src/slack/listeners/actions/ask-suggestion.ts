import type { BlockButtonAction, ButtonAction, RespondArguments } from "@slack/bolt";
import { z } from "zod";
import type { FilesClient } from "../../chart.ts";
import type { SlackDeps } from "../../dependencies.ts";
import { guarded } from "../../guarded.ts";
import { chartWherePrivate } from "../commands/ombuds.ts";

/** A suggestion button's value: the question it asks (as the share button carries one). */
const SuggestionValue = z.object({ q: z.string().min(1).max(2000) });

export interface AskSuggestionArgs {
  ack: () => Promise<void>;
  body: Pick<BlockButtonAction, "user" | "channel" | "response_url">;
  action: Pick<ButtonAction, "value">;
  respond: (message: RespondArguments) => Promise<unknown>;
  client?: FilesClient;
}

/**
 * A click on a suggestion ("how does Sefton compare with similar councils?") asks it: the answer comes privately,
 * with its own Share button, exactly as `/ombuds <question>` would give it, and the answer clicked stays.
 */
export function askSuggestion(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: AskSuggestionArgs): Promise<void> => {
    await ack();
    await guarded(
      deps,
      { listener: "suggestion", user: body.user.id, channel: body.channel?.id },
      async () => {
        const value = SuggestionValue.parse(JSON.parse(action.value ?? "{}"));
        const { chart } = await deps.answerer.respond(value.q, {
          responseUrl: body.response_url,
          responseType: "ephemeral",
          share: true,
          now: deps.now(),
        });
        await chartWherePrivate(deps, client, chart, body.channel?.id);
      },
      (message) => respond({ response_type: "ephemeral", replace_original: false, ...message }),
    );
  };
}
