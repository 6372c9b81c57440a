import type { RespondArguments, SlashCommand } from "@slack/bolt";
import type { SlackDeps } from "../../dependencies.ts";
import { digestWords } from "../../digest.ts";
import { guarded } from "../../guarded.ts";

export interface CommandArgs {
  command: Pick<SlashCommand, "text" | "user_id" | "channel_id" | "response_url"> &
    Partial<Pick<SlashCommand, "trigger_id">>;
  ack: () => Promise<void>;
  respond: (message: RespondArguments) => Promise<unknown>;
}

/**
 * `/ombuds <question>`: acknowledged at once (Slack allows three seconds), answered afterwards through the
 * response URL, ephemerally, with a button to share the answer in the channel. Sub-commands (`compare`, `rank`,
 * `concerns`, `help`) are questions too: the answers layer reads "compare Bury Sefton" and "rank upheld district".
 * `/ombuds digest …` is left to the digest command's listener, which alone acknowledges it.
 */
export function ombudsCommand(deps: SlackDeps) {
  return async ({ command, ack, respond }: CommandArgs): Promise<void> => {
    if (digestWords(command.text ?? "") !== null) return;
    await ack();
    await guarded(
      deps,
      { listener: "command", user: command.user_id, channel: command.channel_id },
      () =>
        deps.answerer.respond(command.text ?? "", {
          responseUrl: command.response_url,
          responseType: "ephemeral",
          share: true,
          now: deps.now(),
        }),
      (message) => respond({ response_type: "ephemeral", ...message }),
    );
  };
}
