import type { RespondArguments, SlashCommand } from "@slack/bolt";
import type { Chart } from "../../../charts/index.ts";
import { type FilesClient, uploadChart } from "../../chart.ts";
import type { SlackDeps } from "../../dependencies.ts";
import { digestWords } from "../../digest.ts";
import { guarded } from "../../guarded.ts";

export interface CommandArgs {
  command: Pick<SlashCommand, "text" | "user_id" | "channel_id" | "response_url"> &
    Partial<Pick<SlashCommand, "trigger_id">>;
  ack: () => Promise<void>;
  respond: (message: RespondArguments) => Promise<unknown>;
  /** Uploads an answer's chart where one can go (a DM with the bot: an ephemeral answer can carry no file). */
  client?: FilesClient;
}

/**
 * `/ombuds <question>`: acknowledged at once (Slack allows three seconds), answered afterwards through the
 * response URL, ephemerally, with a button to share the answer in the channel. Sub-commands (`compare`, `rank`,
 * `concerns`, `help`) are questions too: the answers layer reads "compare Bury Sefton" and "rank upheld district".
 * `/ombuds digest …` is left to the digest command's listener, which alone acknowledges it.
 */
export function ombudsCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client }: CommandArgs): Promise<void> => {
    if (digestWords(command.text ?? "") !== null) return;
    await ack();
    await guarded(
      deps,
      { listener: "command", user: command.user_id, channel: command.channel_id },
      async () => {
        const { chart } = await deps.answerer.respond(command.text ?? "", {
          responseUrl: command.response_url,
          responseType: "ephemeral",
          share: true,
          now: deps.now(),
        });
        await chartWherePrivate(deps, client, chart, command.channel_id);
      },
      (message) => respond({ response_type: "ephemeral", ...message }),
    );
  };
}

/**
 * A private answer's chart: in a DM with the bot the chart is as private as the answer, so it goes there; in a
 * channel an ephemeral answer can carry no file, and the chart comes when the answer is shared.
 */
export async function chartWherePrivate(
  deps: Pick<SlackDeps, "logger">,
  client: FilesClient | undefined,
  chart: Chart | undefined,
  channel: string | undefined,
): Promise<void> {
  if (!chart || !client || !channel?.startsWith("D")) return;
  await uploadChart(client, chart, { channel }, deps.logger);
}
