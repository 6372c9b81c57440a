import { randomUUID } from "node:crypto";
import type { Logger } from "../log.ts";
import type { DigestRecord, StoreData, Subscription } from "../store/schema.ts";
import { readStore, updateStore } from "../store/store.ts";
import type { Digest } from "./compose.ts";
import { postFailure } from "./post-failure.ts";
import { type Due, dueSlot, nextSlot } from "./schedule.ts";

/**
 * The weekly run: for each subscribed channel, post the digest of the slot that is due, once. A slot is claimed in
 * the store (under its lock) before anything is posted, so two instances, or a restart, never post it twice; a
 * crash between the claim and the post loses that one digest rather than risk a duplicate (the claim stays in the
 * store as "claimed" and is logged at the next run). Transient failures are retried with backoff; permanent
 * ones (the channel is gone, archived, or the bot is not in it) pause the subscription until someone turns it on
 * again, with a log line and a note on the App Home.
 */

/** Posts one digest to a channel; rejects with a `PostFailure` saying whether retrying could mend it. */
export type PostDigest = (channel: string, digest: Digest) => Promise<{ ts: string }>;

export interface RunDeps {
  storeFile: string;
  /** A claimed subscription's digest as of `now`, from the letters as they are in the store now. */
  compose: (subscription: Subscription, now: Date) => Promise<Digest>;
  post: PostDigest;
  logger: Logger;
  now: () => Date;
  /** Who claims: a process's own id, so the store shows which instance took a slot. */
  instance?: string;
  /** Waits between retries; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunReport {
  posted: { channel: string; slot: string; late: boolean }[];
  skipped: { channel: string; slots: string[]; why: "missed" | "quiet" | "claimed elsewhere" }[];
  failed: { channel: string; slot: string; error: string; paused: boolean }[];
}

const RETRIES = [1000, 5000, 30_000];
/** Claims and outcomes kept per channel, for the record. */
const HISTORY = 20;

const instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;

const scheduleOf = (s: Subscription) => ({ day: s.day, time: s.time, timeZone: s.timeZone });

/** What to do for one channel at `now` (post, skip or wait): the one reading of a subscription's schedule. */
export function dueFor(subscription: Subscription, now: Date): Due {
  return dueSlot(
    scheduleOf(subscription),
    {
      subscribedAt: new Date(subscription.createdAt),
      lastSlot: subscription.lastSlot ? new Date(subscription.lastSlot) : null,
    },
    now,
  );
}

/** When a channel's next digest is due (for status messages and the scheduler's timer). */
export function nextPost(subscription: Subscription, now: Date): Date {
  return nextSlot(scheduleOf(subscription), now);
}

/** Claims another instance made more than ten minutes ago and never confirmed: the process stopped mid-post. */
function unconfirmedClaims(data: StoreData, now: Date, claimedBy: string): DigestRecord[] {
  return data.digests.filter(
    (d) =>
      d.status === "claimed" &&
      d.claimedBy !== claimedBy &&
      now.getTime() - Date.parse(d.claimedAt) > 600_000,
  );
}

/** Whether a run has anything to write: a slot due or missed, or an unconfirmed claim to close. */
function hasWork(data: StoreData, now: Date, claimedBy: string): boolean {
  return (
    data.subscriptions.some((s) => !s.paused && dueFor(s, now).kind !== "wait") ||
    unconfirmedClaims(data, now, claimedBy).length > 0
  );
}

export async function runDueDigests(deps: RunDeps): Promise<RunReport> {
  const report: RunReport = { posted: [], skipped: [], failed: [] };
  const claimedBy = deps.instance ?? instanceId;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = deps.now();

  // Most wakes find nothing due: a read without the lock says so, and only a wake with something to claim takes
  // the lock (where the decision is made again, on the data as it is then).
  const { data: seen } = await readStore(deps.storeFile);
  if (!hasWork(seen, now, claimedBy)) return report;

  // Claim every due slot in one locked write: decide, record, then post outside the lock.
  const claims = await updateStore(deps.storeFile, (data) => {
    const claimed: { subscription: Subscription; slot: Date; late: boolean }[] = [];
    for (const subscription of data.subscriptions) {
      if (subscription.paused) continue;
      const due = dueFor(subscription, now);
      if (due.kind === "wait") continue;
      if (due.skipped.length > 0) {
        const slots = due.skipped.map((d) => d.toISOString());
        report.skipped.push({ channel: subscription.channel, slots, why: "missed" });
        deps.logger.warn(
          { channel: subscription.channel, slots },
          "digest slots missed by a day or more: skipped",
        );
      }
      const last = due.kind === "post" ? due.slot : (due.skipped[due.skipped.length - 1] as Date);
      subscription.lastSlot = last.toISOString();
      if (due.kind === "post") {
        claimed.push({ subscription: { ...subscription }, slot: due.slot, late: due.late });
        record(data, {
          channel: subscription.channel,
          slot: due.slot.toISOString(),
          claimedAt: now.toISOString(),
          claimedBy,
          status: "claimed",
          postedAt: null,
          ts: null,
          error: null,
        });
      }
    }
    const unconfirmed = unconfirmedClaims(data, now, claimedBy);
    for (const d of unconfirmed) {
      deps.logger.warn(
        { channel: d.channel, slot: d.slot, claimedBy: d.claimedBy },
        "a digest was claimed but never confirmed posted (the process stopped mid-post); not re-posting, to avoid a duplicate",
      );
      d.status = "failed";
      d.error = "claimed but never confirmed posted";
    }
    const changed = claimed.length > 0 || report.skipped.length > 0 || unconfirmed.length > 0;
    return { changed, result: { claimed } };
  });

  for (const { subscription, slot, late } of claims.claimed) {
    const digest = await deps.compose(subscription, now);
    if (digest.unchanged && subscription.quiet) {
      report.skipped.push({ channel: subscription.channel, slots: [slot.toISOString()], why: "quiet" });
      await settle(deps.storeFile, subscription.channel, slot, { status: "skipped" });
      continue;
    }
    let attempt = 0;
    for (;;) {
      try {
        const { ts } = await deps.post(subscription.channel, digest);
        await settle(deps.storeFile, subscription.channel, slot, {
          status: "posted",
          ts,
          postedAt: deps.now(),
        });
        report.posted.push({ channel: subscription.channel, slot: slot.toISOString(), late });
        deps.logger.info({ channel: subscription.channel, slot, late, ts }, "digest posted");
        break;
      } catch (error) {
        const { code, permanent } = postFailure(error);
        if (!permanent && attempt < RETRIES.length) {
          deps.logger.warn({ channel: subscription.channel, code, attempt }, "digest post failed; retrying");
          await sleep(RETRIES[attempt++] as number);
          continue;
        }
        await settle(deps.storeFile, subscription.channel, slot, {
          status: "failed",
          error: code,
          pause: permanent,
          at: deps.now(),
        });
        report.failed.push({
          channel: subscription.channel,
          slot: slot.toISOString(),
          error: code,
          paused: permanent,
        });
        deps.logger.error(
          { channel: subscription.channel, slot, code, paused: permanent },
          permanent
            ? "digest cannot be posted there: subscription paused"
            : "digest post failed after retries",
        );
        break;
      }
    }
  }
  return report;
}

function record(data: StoreData, entry: DigestRecord): void {
  data.digests.push(entry);
  const mine = data.digests.filter((d) => d.channel === entry.channel);
  if (mine.length > HISTORY) {
    const drop = new Set(mine.slice(0, mine.length - HISTORY));
    data.digests = data.digests.filter((d) => !drop.has(d));
  }
}

/** Record how a claimed slot ended, and for a permanent failure pause the subscription. */
async function settle(
  storeFile: string,
  channel: string,
  slot: Date,
  outcome:
    | { status: "posted"; ts: string; postedAt: Date }
    | { status: "skipped" }
    | { status: "failed"; error: string; pause: boolean; at: Date },
): Promise<void> {
  await updateStore(storeFile, (data) => {
    const entry = data.digests.find((d) => d.channel === channel && d.slot === slot.toISOString());
    if (entry) {
      entry.status = outcome.status;
      if (outcome.status === "posted") {
        entry.ts = outcome.ts;
        entry.postedAt = outcome.postedAt.toISOString();
      }
      if (outcome.status === "failed") entry.error = outcome.error;
    }
    const subscription = data.subscriptions.find((s) => s.channel === channel);
    if (subscription && outcome.status === "posted")
      subscription.lastPostedAt = outcome.postedAt.toISOString();
    if (subscription && outcome.status === "failed" && outcome.pause) {
      subscription.paused = { reason: outcome.error, at: outcome.at.toISOString() };
    }
    return { changed: true, result: undefined };
  });
}
