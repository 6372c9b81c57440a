import { findCouncils } from "../answers/index.ts";
import type { AuthorityIndex } from "../authorities/index.ts";
import type { Subscription } from "../store/schema.ts";
import { readStore, updateStore } from "../store/store.ts";
import { parseDigestArguments } from "./arguments.ts";
import { nextPost } from "./run.ts";
import { DEFAULT_DAY, DEFAULT_TIME, DEFAULT_TIME_ZONE, describeSchedule } from "./schedule.ts";

/** `/ombuds digest on|off|status`: the store side. Each returns a sentence for the person who asked. */

export type Outcome =
  | { ok: true; message: string; subscription?: Subscription }
  | { ok: false; message: string };

const dateTime = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(date);

export function describe(subscription: Subscription, now: Date): string {
  const scope = subscription.councils.length === 0 ? "all councils" : subscription.councils.join(", ");
  const when = describeSchedule({
    day: subscription.day,
    time: subscription.time,
    timeZone: subscription.timeZone,
  });
  const next = subscription.paused
    ? `Paused since ${dateTime(new Date(subscription.paused.at), subscription.timeZone)}: ${subscription.paused.reason}. Turn it on again with /ombuds digest on.`
    : `Next digest: ${dateTime(nextPost(subscription, now), subscription.timeZone)}.`;
  return `Weekly digest for ${scope}, ${when}${subscription.quiet ? ", quiet (no post in a week with nothing new)" : ""}. ${next}`;
}

export async function subscribe(
  storeFile: string,
  request: { channel: string; user: string; words: string[]; authorities: AuthorityIndex; now: Date },
): Promise<Outcome> {
  const parsed = parseDigestArguments(request.words);
  if (!parsed.ok) return { ok: false, message: `Nothing changed: ${parsed.message}` };
  const { councils: words, day, time, quiet } = parsed.value;
  let councils: string[] = [];
  if (words.length > 0) {
    const found = findCouncils(words.join(" "), request.authorities);
    if (found.ambiguous.length > 0) {
      const a = found.ambiguous[0];
      return {
        ok: false,
        message: `Nothing changed: “${a?.words}” could be ${a?.candidates.map((c) => c.name).join(" or ")}. Say which.`,
      };
    }
    if (found.unknown.length > 0) {
      return {
        ok: false,
        message: `Nothing changed: I don't know a council called “${found.unknown.join(" ")}”.`,
      };
    }
    councils = found.councils.map((c) => c.authority.name);
  }
  return saveSubscription(storeFile, {
    channel: request.channel,
    user: request.user,
    councils,
    day: day ?? DEFAULT_DAY,
    time: time ?? DEFAULT_TIME,
    quiet,
    now: request.now,
  });
}

/** A digest as chosen in the set-up modal: councils by their reference-list names (none: every council). */
export interface DigestChoice {
  channel: string;
  user: string;
  councils: string[];
  day: number;
  time: string;
  quiet: boolean;
  now: Date;
}

/**
 * Store the channel's digest as chosen, whether typed (`subscribe`) or picked in the modal: one way to write it. A
 * new digest is its saver's; a changed one keeps the person who set it up (an admin's edit does not take it over).
 */
export async function saveSubscription(storeFile: string, choice: DigestChoice): Promise<Outcome> {
  const subscription: Subscription = {
    channel: choice.channel,
    councils: choice.councils,
    day: choice.day,
    time: choice.time,
    timeZone: DEFAULT_TIME_ZONE,
    quiet: choice.quiet,
    createdBy: choice.user,
    createdAt: choice.now.toISOString(),
    lastSlot: null,
    lastPostedAt: null,
    paused: null,
  };
  const replaced = await updateStore(storeFile, (data) => {
    const old = data.subscriptions.find((s) => s.channel === choice.channel);
    if (old) {
      // What was posted stays posted: "what is new" still counts from the last digest this channel had.
      subscription.lastPostedAt = old.lastPostedAt;
      subscription.createdBy = old.createdBy;
      subscription.createdAt = old.createdAt;
    }
    data.subscriptions = [...data.subscriptions.filter((s) => s.channel !== choice.channel), subscription];
    return { changed: true, result: Boolean(old) };
  });
  return {
    ok: true,
    subscription,
    message: `${replaced ? "Updated" : "Subscribed"}. ${describe(subscription, choice.now)}`,
  };
}

export async function unsubscribe(storeFile: string, channel: string): Promise<Outcome> {
  const removed = await updateStore(storeFile, (data) => {
    const before = data.subscriptions.length;
    data.subscriptions = data.subscriptions.filter((s) => s.channel !== channel);
    return { changed: data.subscriptions.length !== before, result: data.subscriptions.length !== before };
  });
  return removed
    ? { ok: true, message: "The weekly digest for this channel is off." }
    : { ok: false, message: "This channel has no weekly digest to turn off." };
}

export async function status(storeFile: string, channel: string, now: Date): Promise<Outcome> {
  const subscription = (await readStore(storeFile)).data.subscriptions.find((s) => s.channel === channel);
  return subscription
    ? { ok: true, subscription, message: describe(subscription, now) }
    : {
        ok: false,
        message:
          "This channel has no weekly digest. Start one with /ombuds digest on [councils] [day] [HH:MM].",
      };
}

/** Record a digest posted on demand (`/ombuds digest now`): what is new counts from here next time. */
export async function markPosted(storeFile: string, channel: string, at: Date): Promise<void> {
  await updateStore(storeFile, (data) => {
    const subscription = data.subscriptions.find((s) => s.channel === channel);
    if (subscription) subscription.lastPostedAt = at.toISOString();
    return { changed: Boolean(subscription), result: undefined };
  });
}
