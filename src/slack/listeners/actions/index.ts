import type { App, BlockButtonAction } from "@slack/bolt";
import { z } from "zod";
import type { Deps } from "../../context.ts";
import { escape as escapeText } from "../../render/index.ts";
import { guarded } from "../../reply.ts";

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
  });
}
