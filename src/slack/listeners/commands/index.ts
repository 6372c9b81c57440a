import type { App } from "@slack/bolt";
import type { Deps } from "../../context.ts";
import { digestCommand } from "../../digest.ts";
import { answerFor, guarded } from "../../reply.ts";

/**
 * `/ombuds <question>`: acknowledged at once (Slack allows three seconds), answered afterwards through the
 * response URL, ephemerally, with a button to share the answer in the channel. Sub-commands (`compare`, `rank`,
 * `concerns`, `help`) are questions too: the answers layer reads "compare Bury Sefton" and "rank upheld district".
 * `digest …` manages the channel's weekly digest.
 */
export function register(app: App, deps: Deps): void {
  app.command("/ombuds", async ({ command, ack, respond }) => {
    await ack();
    await guarded(
      deps,
      { listener: "command", user: command.user_id, channel: command.channel_id },
      async () => {
        await respond({
          response_type: "ephemeral",
          ...answerFor(command.text ?? "", deps, { share: true }),
        });
      },
      (message) => respond({ response_type: "ephemeral", ...message }),
    );
  });
}
