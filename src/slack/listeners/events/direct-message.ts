import type { Context, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { FilesClient } from "../../chart.ts";
import type { ChatClient } from "../../clients.ts";
import type { SlackDeps } from "../../dependencies.ts";
import type { UsersClient } from "../../digest.ts";
import { replyInConversation } from "./reply-in-conversation.ts";

export type DirectMessageArgs = Pick<SlackEventMiddlewareArgs<"message">, "message"> & {
  client: ChatClient & UsersClient & FilesClient;
  context: Pick<Context, "botUserId">;
};

/**
 * A message in the bot's DM, answered in the DM. Bolt hands every message event to this listener: only a person's
 * plain message in a DM is answered (no edits, joins or bot messages, this bot's own included, so bots never loop).
 */
export function directMessage(deps: SlackDeps) {
  return async ({ message, client, context }: DirectMessageArgs): Promise<void> => {
    if (message.channel_type !== "im" || message.subtype !== undefined) return;
    if (message.bot_id || message.user === context.botUserId) return;
    await replyInConversation(deps, client, {
      surface: "dm",
      channel: message.channel,
      user: message.user,
      text: message.text ?? "",
      botUserId: context.botUserId,
    });
  };
}
