import { type FilesClient, uploadChart } from "../../chart.ts";
import type { ChatClient } from "../../clients.ts";
import type { SlackDeps } from "../../dependencies.ts";
import {
  type DigestReply,
  digestDeps,
  digestVerb,
  digestWords,
  postDigest,
  type UsersClient,
} from "../../digest.ts";
import { slackFailure } from "../../errors.ts";
import { guarded } from "../../guarded.ts";

/** A message addressed to the bot in a conversation: a mention (answered in its thread) or a DM. */
export interface Incoming {
  surface: "mention" | "dm";
  channel: string;
  /** The thread to answer in; none for a DM, which is answered in the DM itself. */
  thread?: string;
  user: string;
  text: string;
  /** The bot's own user id, so its mention is not read as part of the question. */
  botUserId: string | undefined;
}

/**
 * Answer a mention or a DM where it was said: a question gets its answer, "digest …" is the digest sub-command (a
 * mention manages the channel's digest, a DM the user's own, posted in the DM). When the conversation will not take
 * the reply for good (the bot is not in the channel, it is archived), the user is told so by DM, since they would
 * otherwise hear nothing.
 */
export async function replyInConversation(
  deps: SlackDeps,
  client: ChatClient & UsersClient & FilesClient,
  incoming: Incoming,
): Promise<void> {
  const post = (message: DigestReply) =>
    client.chat.postMessage({
      channel: incoming.channel,
      ...(incoming.thread ? { thread_ts: incoming.thread } : {}),
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
  const words = digestWords(incoming.text, incoming.botUserId);
  const where = { listener: incoming.surface, user: incoming.user, channel: incoming.channel };
  await guarded(
    deps,
    words ? { ...where, command: "digest" } : where,
    async () => {
      try {
        if (words) {
          await digestVerb(
            digestDeps(deps, client),
            { words, channel: incoming.channel, user: incoming.user },
            {
              typed: incoming.surface === "mention" ? "@ombuds digest" : "digest",
              reply: post,
              post: (digest) => postDigest(client, incoming.channel, digest, deps.logger),
            },
          );
        } else {
          const answer = await deps.answerer.answer(incoming.text, { share: false, now: deps.now() });
          await post(answer);
          // The chart goes after the words, in the same thread (or DM): the answer is never held up for a picture.
          if (answer.chart) {
            await uploadChart(
              client,
              answer.chart,
              { channel: incoming.channel, thread: incoming.thread },
              deps.logger,
            );
          }
        }
      } catch (error) {
        // Rate limits are retried by the Web API client itself; what reaches here will not go away by retrying.
        const failure = slackFailure(error);
        if (!failure.permanent) throw error;
        deps.logger.warn({ code: failure.code, ...where }, "cannot post the answer");
        await client.chat.postMessage({ channel: incoming.user, text: cannotPost(failure.code) });
      }
    },
    post,
  );
}

/** Told to the user in a DM when the channel will not take the answer. */
function cannotPost(code: string): string {
  const why =
    code === "not_in_channel"
      ? "I'm not a member of that channel: invite me with `/invite @ombuds`"
      : code === "is_archived"
        ? "that channel is archived"
        : code === "channel_not_found"
          ? "I can't see that channel (it may be private: invite me to it)"
          : `Slack refused the message (${code})`;
  return `I couldn't post my answer there: ${why}. You can also ask me here, or use /ombuds anywhere.`;
}
