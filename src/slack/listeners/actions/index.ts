import type { App, BlockButtonAction } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../../context.ts";
import { escape as escapeText } from "../../render/index.ts";
import { answerFor, guarded } from "../../reply.ts";

/** The share button's value: the question, so the shared answer is computed afresh from the store. */
const ShareValue = z.object({ q: z.string().max(2000) });

/** "Share in channel" on an ephemeral answer posts the same answer visibly, saying who shared it. */
export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>("share_answer", async ({ ack, body, action, respond }) => {
    await ack();
    await guarded(
      deps,
      { listener: "share", user: body.user.id, channel: body.channel?.id },
      async () => {
        const value = ShareValue.parse(JSON.parse(action.value ?? "{}"));
        const message = answerFor(value.q, deps);
        const who = escapeText(body.user.name ?? body.user.username ?? "someone");
        const shared = {
          type: "context" as const,
          elements: [{ type: "mrkdwn" as const, text: `Shared by ${who}` }],
        };
        await respond({
          response_type: "in_channel",
          replace_original: false,
          text: message.text,
          // Block Kit allows 50 blocks; a full answer keeps its content rather than the attribution.
          blocks: message.blocks.length < 50 ? [...message.blocks, shared] : message.blocks,
        });
      },
      (message) => respond({ response_type: "ephemeral", replace_original: false, ...message }),
    );
  });
}
