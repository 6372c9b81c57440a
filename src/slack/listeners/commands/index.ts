import type { App } from "@slack/bolt";
import type { Deps } from "../../context.ts";
import { digestVerb, digestWords, slashSurface } from "../../digest.ts";
import { guarded } from "../../reply.ts";

/**
 * `/ombuds <question>`: acknowledged at once (Slack allows three seconds), answered afterwards through the
 * response URL, ephemerally, with a button to share the answer in the channel. Sub-commands (`compare`, `rank`,
 * `concerns`, `help`) are questions too: the answers layer reads "compare Bury Sefton" and "rank upheld district".
 * `digest …` manages the channel's weekly digest, as it does in a mention or a DM.
 */
export function register(app: App, deps: Deps): void {
  app.command("/ombuds", async ({ command, ack, respond, client }) => {
    await ack();
    const words = digestWords(command.text ?? "");
    await guarded(
      deps,
      { listener: "command", user: command.user_id, channel: command.channel_id },
      async () => {
        if (words) {
          await digestVerb(
            deps,
            { words, channel: command.channel_id, user: command.user_id },
            slashSurface(client, command.channel_id, respond),
          );
          return;
        }
        await deps.answerer.respond(command.text ?? "", {
          responseUrl: command.response_url,
          responseType: "ephemeral",
          share: true,
          now: deps.now(),
        });
      },
      (message) => respond({ response_type: "ephemeral", ...message }),
    );
  });
}
