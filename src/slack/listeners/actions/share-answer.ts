import type { BlockButtonAction, ButtonAction, RespondArguments } from "@slack/bolt";
import { z } from "zod";
import { type FilesClient, uploadChart } from "../../chart.ts";
import type { SlackDeps } from "../../dependencies.ts";
import { guarded } from "../../guarded.ts";
import { escape as escapeText } from "../../render/index.ts";

/**
 * The share button's value: the id of the answer as shown (kept by the answerer, so the share posts exactly that),
 * and the question, to compute it again should it no longer be kept.
 */
const ShareValue = z.object({ q: z.string().max(2000), id: z.string().max(100).optional() });
/** A Slack user id, as a mention can carry it: anything else is shown as an escaped name. */
const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

export interface ShareAnswerArgs {
  ack: () => Promise<void>;
  body: Pick<BlockButtonAction, "user" | "channel" | "response_url">;
  action: Pick<ButtonAction, "value">;
  respond: (message: RespondArguments) => Promise<unknown>;
  /** Uploads the shared answer's chart into the channel it was shared in. */
  client?: FilesClient;
}

/**
 * "Share in channel" on an ephemeral answer posts the answer the person saw visibly, saying who shared it (a real
 * mention), and removes the private copy.
 */
export function shareAnswer(deps: SlackDeps) {
  return async ({ ack, body, action, respond, client }: ShareAnswerArgs): Promise<void> => {
    await ack();
    await guarded(
      deps,
      { listener: "share", user: body.user.id, channel: body.channel?.id },
      async () => {
        const value = ShareValue.parse(JSON.parse(action.value ?? "{}"));
        const { chart } = await deps.answerer.share(value.id, value.q, {
          responseUrl: body.response_url,
          responseType: "in_channel",
          share: false,
          sharedBy: USER_ID.test(body.user.id)
            ? `<@${body.user.id}>`
            : escapeText(body.user.name ?? body.user.username ?? "someone"),
          now: deps.now(),
        });
        // Shared, the answer is public: its chart goes into the channel with it.
        const channel = body.channel?.id;
        if (chart && client && channel) await uploadChart(client, chart, { channel }, deps.logger);
      },
      (message) => respond({ response_type: "ephemeral", replace_original: false, ...message }),
    );
  };
}
