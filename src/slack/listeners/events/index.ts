import type { App } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Deps } from "../../context.ts";
import { type DigestReply, digestVerb, digestWords, postDigest } from "../../digest.ts";
import { PERMANENT, platformError } from "../../errors.ts";
import { guarded } from "../../reply.ts";

/**
 * Mentions are answered in a thread on the mention, direct messages in the DM, and the App Home tab shows what the
 * bot holds. Messages from bots (this one included) are never answered, so two bots can never loop. "digest …" in
 * either is the digest sub-command: a mention manages the channel's digest, a DM the user's own, posted in the DM.
 */
export function register(app: App, deps: Deps): void {
  app.event("app_mention", async ({ event, client, context }) => {
    if (event.bot_id || event.subtype || event.user === context.botUserId) return;
    const thread = event.thread_ts ?? event.ts;
    await reply(
      deps,
      client,
      { channel: event.channel, thread, user: event.user ?? "", text: event.text },
      "mention",
      context.botUserId,
    );
  });

  app.message(async ({ message, client, context }) => {
    if (message.channel_type !== "im" || message.subtype !== undefined) return;
    if (message.bot_id || message.user === context.botUserId) return;
    await reply(
      deps,
      client,
      { channel: message.channel, user: message.user, text: message.text ?? "" },
      "dm",
      context.botUserId,
    );
  });

  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    await guarded(
      deps,
      { listener: "home", user: event.user },
      async () => {
        await client.views.publish({ user_id: event.user, view: await deps.answerer.home() });
      },
      async () => {},
    );
  });
}

interface Incoming {
  channel: string;
  thread?: string;
  user: string;
  text: string;
}

async function reply(
  deps: Deps,
  client: WebClient,
  incoming: Incoming,
  listener: "mention" | "dm",
  botUserId: string | undefined,
): Promise<void> {
  const post = (message: DigestReply) =>
    client.chat.postMessage({
      channel: incoming.channel,
      ...(incoming.thread ? { thread_ts: incoming.thread } : {}),
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    });
  const words = digestWords(incoming.text, botUserId);
  await guarded(
    deps,
    { listener, user: incoming.user, channel: incoming.channel, ...(words ? { command: "digest" } : {}) },
    async () => {
      try {
        if (words) {
          await digestVerb(
            deps,
            { words, channel: incoming.channel, user: incoming.user },
            {
              typed: listener === "mention" ? "@ombuds digest" : "digest",
              reply: post,
              post: (digest) => postDigest(client, incoming.channel, digest),
            },
          );
        } else {
          await post(await deps.answerer.answer(incoming.text, { share: false, now: deps.now() }));
        }
      } catch (error) {
        // Rate limits are retried by the Web API client itself; what reaches here will not go away by retrying.
        const code = platformError(error);
        if (!code || !PERMANENT.has(code)) throw error;
        deps.logger.warn(
          { code, channel: incoming.channel, user: incoming.user, listener },
          "cannot post the answer",
        );
        await client.chat.postMessage({ channel: incoming.user, text: cannotPost(code) });
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
