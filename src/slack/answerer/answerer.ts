import { ask, EXAMPLES, latestWithConcerns } from "../../answers/index.ts";
import type { OpenStore } from "../../answers/open-store.ts";
import type { AuthorityIndex } from "../../authorities/index.ts";
import type { Chart } from "../../charts/index.ts";
import { type Digest, digestFor } from "../../digest/compose.ts";
import { digestInWords } from "../../digest/days.ts";
import type { Subscription } from "../../store/schema.ts";
import { answerMessage, homeView, type Message, withoutShareButton, withShare } from "../render/index.ts";
import { KeptAnswers, keyOf } from "./kept.ts";
import { postJson } from "./post.ts";
import { ShownAnswers } from "./shown.ts";

export type HomeView = ReturnType<typeof homeView>;

/** What an answer posted through a response URL leaves for the caller: its chart (src/charts/), if it has one. */
export interface Charted {
  chart?: Chart;
}

const charted = (message: Message): Charted => (message.chart ? { chart: message.chart } : {});

/** Where and how an answer goes when it is posted to a response URL (a slash command's or a button's). */
export interface ResponseTarget {
  responseUrl: string;
  /** "ephemeral": only the asker sees it; "in_channel": everyone does. */
  responseType: "ephemeral" | "in_channel";
  /** Add the "Share in channel" button. */
  share: boolean;
  /** Shown under a shared answer: who shared it (already escaped, or a user mention `<@U…>`). */
  sharedBy?: string;
  now: Date;
}

/**
 * Everything the Slack app asks of the stored letters: answers and the App Home as Block Kit, digests, and the
 * subscriptions the scheduler reads. `localAnswerer` does the work in the caller's thread (the CLI, unit tests);
 * `startAnswererThread` does it in a worker thread that alone holds the store, so the Slack app's event loop only
 * takes requests, acks them and posts what comes back: an answer never delays another request's ack, and the
 * letters' large heap is collected away from the thread that acks.
 */
export interface Answerer {
  /** The Block Kit answer to a question; `share` adds the "Share in channel" button. */
  answer(question: string, options: { share: boolean; now: Date }): Promise<Message>;
  /**
   * Answer and post the answer to a response URL, so that the answer never passes through the thread that acks
   * (the commonest path: every `/ombuds` question). Rejects if the post fails. Resolves with the answer's chart, if
   * it has one, for the caller to upload where a file can go.
   */
  respond(question: string, target: ResponseTarget): Promise<Charted>;
  /**
   * "Share in channel": post in the channel exactly the answer shown privately under `id` (computed again from
   * `question` only if it is no longer kept), then remove the private copy. Rejects if the post fails. Resolves
   * with the chart of the answer shared.
   */
  share(id: string | undefined, question: string, target: ResponseTarget): Promise<Charted>;
  /**
   * The App Home tab for `user`: what is held, the workspace's digests (with the user's own DM digest), the
   * councils with concerns, how to ask. The store is read again first if it changed (a digest saved elsewhere).
   */
  home(user?: string): Promise<HomeView>;
  /**
   * A channel's digest as of `now`: for `subscription` when given (the scheduler's claimed copy), else for the
   * channel's subscription in the store (none: every council, as a preview for a channel that has not subscribed).
   */
  digest(channel: string, now: Date, subscription?: Subscription): Promise<Digest>;
  /** The digest subscriptions in the store. */
  subscriptions(): Promise<readonly Subscription[]>;
  /** Read the store again if it changed on disk (the scheduler calls this around a run). */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

/** The answerer over the open store, in this thread. */
export function localAnswerer(store: OpenStore, authorities: AuthorityIndex): Answerer {
  const shown = new ShownAnswers();
  const kept = new KeptAnswers<{ message: Message; asked: string }>();
  const answer = (question: string, { share, now }: { share: boolean; now: Date }): Message => {
    const holdings = store.holdings();
    // Asked before over the same letters: the answer kept then (src/slack/answerer/kept.ts), as a busy workspace
    // asks the same few questions; its Share button, if any, is given this asker's id below.
    const { message, asked } = kept.get(holdings, keyOf(question, share, now), () => {
      const found = ask(question, holdings, { authorities, now });
      const text = found.question.text;
      return { message: answerMessage(found, share ? { share: { question: text } } : {}), asked: text };
    });
    if (!share) return message;
    // Kept as the person sees it: a share posts exactly this, without its Share button.
    return shown.remember((id) => withShare(message, { question: asked, id }));
  };
  const post = async (target: ResponseTarget, body: object, what: string) => {
    const reply = await postJson(target.responseUrl, JSON.stringify(body));
    // Slack answers a good post with 200 "ok"; anything else (an expired URL: 404, a bad body: 400) says why.
    if (reply.status !== 200)
      throw new Error(`the response URL refused ${what}: HTTP ${reply.status} ${reply.text.slice(0, 200)}`);
  };
  const deliver = (message: Message, target: ResponseTarget) =>
    post(
      target,
      {
        response_type: target.responseType,
        replace_original: false,
        text: message.text,
        blocks: target.sharedBy === undefined ? message.blocks : withAttribution(message, target.sharedBy),
      },
      "the answer",
    );
  return {
    answer: async (question, options) => answer(question, options),
    async respond(question, target) {
      const message = answer(question, target);
      await deliver(message, target);
      return charted(message);
    },
    async share(id, question, target) {
      const seen = shown.recall(id);
      const message = seen ? withoutShareButton(seen) : answer(question, { share: false, now: target.now });
      await deliver(message, target);
      // Shared, the private copy is only a duplicate: it goes (after the post, so a failed share loses nothing).
      await post(target, { delete_original: true }, "removing the private copy");
      return charted(message);
    },
    async home(user) {
      await store.refresh();
      const holdings = store.holdings();
      return homeView({
        letters: holdings.letters.length,
        councils: holdings.councils.length,
        years: [...holdings.years],
        lastIngest: store.lastIngest(),
        withConcerns: latestWithConcerns(holdings).map((l) => ({
          shortName: l.authority.shortName,
          year: l.year,
          summaries: l.concerns.filter((c) => c.tone === "concern").map((c) => c.summary),
        })),
        examples: EXAMPLES,
        digests: store
          .subscriptions()
          .filter((s) => !s.channel.startsWith("D") || s.createdBy === user)
          .map((s) => ({ channel: s.channel, description: digestInWords(s) })),
        notes: store
          .subscriptions()
          .filter((s) => s.paused)
          .map(
            (s) =>
              `The weekly digest for channel ${s.channel} is paused (${s.paused?.reason}): invite me to the channel, then /ombuds digest on there.`,
          ),
      });
    },
    async digest(channel, now, subscription) {
      await store.refresh();
      return digestFor(subscription ?? store.subscriptions().find((s) => s.channel === channel), {
        holdings: store.holdings(),
        ingested: store.ingested(),
        now,
      });
    },
    async subscriptions() {
      return store.subscriptions();
    },
    refresh: () => store.refresh(),
    async close() {},
  };
}

/** A shared answer says who shared it, unless the answer already fills Block Kit's 50 blocks (content comes first). */
function withAttribution(message: Message, who: string): Message["blocks"] {
  if (message.blocks.length >= 50) return message.blocks;
  return [...message.blocks, { type: "context", elements: [{ type: "mrkdwn", text: `Shared by ${who}` }] }];
}
