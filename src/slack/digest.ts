import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Digest } from "../digest/compose.ts";
import { markPosted, status, subscribe, unsubscribe } from "../digest/subscribe.ts";
import type { Deps } from "./context.ts";
import { PERMANENT, platformError } from "./errors.ts";
import { digestMessage, escape as escapeText } from "./render/index.ts";

/** Post a digest to a channel; the Web API's error propagates to the caller. */
export async function postDigest(
  client: WebClient,
  channel: string,
  digest: Digest,
): Promise<{ ts: string }> {
  const message = digestMessage(digest);
  const result = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
  return { ts: String(result.ts ?? "") };
}

const USAGE =
  "Usage: /ombuds digest on [councils…] [day] [HH:MM] [quiet] · off · status · preview · now. Example: /ombuds digest on Bury, Sefton tuesday 08:30";

/** `/ombuds digest …` in a channel. */
export async function digestCommand(
  deps: Deps,
  request: { words: string[]; channel: string; user: string; client: WebClient; respond: RespondFn },
): Promise<void> {
  const [verb = "", ...rest] = request.words;
  const say = (text: string) => request.respond({ response_type: "ephemeral", text: escapeText(text) });
  const now = deps.now();
  switch (verb.toLowerCase()) {
    case "on": {
      const outcome = await subscribe(deps.storeFile, {
        channel: request.channel,
        user: request.user,
        words: rest,
        authorities: deps.authorities,
        now,
      });
      await say(outcome.message);
      return;
    }
    case "off":
      await say((await unsubscribe(deps.storeFile, request.channel)).message);
      return;
    case "status":
      await say((await status(deps.storeFile, request.channel, now)).message);
      return;
    case "preview":
    case "now": {
      const digest = await deps.answerer.digest(request.channel, now);
      if (verb.toLowerCase() === "preview") {
        await request.respond({ response_type: "ephemeral", ...digestMessage(digest) });
        return;
      }
      try {
        await postDigest(request.client, request.channel, digest);
      } catch (error) {
        const code = platformError(error);
        if (!code || !PERMANENT.has(code)) throw error;
        await say(
          `I couldn't post the digest here (${code}): invite me to the channel with /invite @ombuds.`,
        );
        return;
      }
      await markPosted(deps.storeFile, request.channel, now);
      return;
    }
    default:
      await say(verb ? `I don't know “digest ${verb}”. ${USAGE}` : USAGE);
  }
}
