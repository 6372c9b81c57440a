import type { RespondArguments } from "@slack/bolt";
import { slashCommand } from "../../../testkit/slack/index.ts";

/**
 * `/ombuds <text>` as its listeners receive it: the command's fields, and an `ack` and `respond` that record, in
 * one list, the order in which they were called.
 */
export function invocation(text: string) {
  const calls: (["ack"] | ["respond", RespondArguments])[] = [];
  const command = slashCommand({ text, response_url: "https://hooks.slack.test/commands/1" }).payload;
  return {
    calls,
    command,
    ack: async () => {
      calls.push(["ack"]);
    },
    respond: async (message: RespondArguments) => {
      calls.push(["respond", message]);
    },
  };
}
