import type { BlockButtonAction, ButtonAction, RespondArguments } from "@slack/bolt";
import { z } from "zod";
import type { SlackDeps } from "../../dependencies.ts";
import { guarded } from "../../guarded.ts";
import { escape as escapeText } from "../../render/index.ts";

/** The share button's value: the question, so the shared answer is computed afresh from the store. */
const ShareValue = z.object({ q: z.string().max(2000) });

export interface ShareAnswerArgs {
  ack: () => Promise<void>;
  body: Pick<BlockButtonAction, "user" | "channel" | "response_url">;
  action: Pick<ButtonAction, "value">;
  respond: (message: RespondArguments) => Promise<unknown>;
}

/** "Share in channel" on an ephemeral answer posts the same answer visibly, saying who shared it. */
export function shareAnswer(deps: SlackDeps) {
  return async ({ ack, body, action, respond }: ShareAnswerArgs): Promise<void> => {
    await ack();
    await guarded(
      deps,
      { listener: "share", user: body.user.id, channel: body.channel?.id },
      async () => {
        const value = ShareValue.parse(JSON.parse(action.value ?? "{}"));
        await deps.answerer.respond(value.q, {
          responseUrl: body.response_url,
          responseType: "in_channel",
          share: false,
          sharedBy: escapeText(body.user.name ?? body.user.username ?? "someone"),
          now: deps.now(),
        });
      },
      (message) => respond({ response_type: "ephemeral", replace_original: false, ...message }),
    );
  };
}
