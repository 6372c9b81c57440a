import type { Context, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { FilesClient } from "../../chart.ts";
import type { ChatClient } from "../../clients.ts";
import type { SlackDeps } from "../../dependencies.ts";
import type { UsersClient } from "../../digest.ts";
import { replyInConversation } from "./reply-in-conversation.ts";

export type AppMentionArgs = Pick<SlackEventMiddlewareArgs<"app_mention">, "event"> & {
  client: ChatClient & UsersClient & FilesClient;
  context: Pick<Context, "botUserId">;
};

/**
 * `@ombuds …` in a channel, answered in a thread on the mention (or in the thread it was made in). A bot's mention,
 * this bot's own included, is never answered, so two bots can never loop.
 */
export function appMention(deps: SlackDeps) {
  return async ({ event, client, context }: AppMentionArgs): Promise<void> => {
    if (event.bot_id || event.subtype || event.user === context.botUserId) return;
    await replyInConversation(deps, client, {
      surface: "mention",
      channel: event.channel,
      thread: event.thread_ts ?? event.ts,
      user: event.user ?? "",
      text: event.text,
      botUserId: context.botUserId,
    });
  };
}
