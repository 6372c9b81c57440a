import { randomUUID } from "node:crypto";
import { MEASURES } from "../answers/index.ts";
import { readingOf } from "../answers/metrics.ts";
import { displayPath } from "../letters/read.ts";
import type { HeldLetter, Metric } from "../letters/schema.ts";
import type { Logger } from "../log.ts";
import type { AnnouncementRecord, StoreData, Subscription } from "../store/schema.ts";
import { updateStore } from "../store/store.ts";
import { postFailure } from "./post-failure.ts";

/**
 * A letter that arrived in the letters folder while the bot ran, announced once in each digest channel that watches
 * its council (docs/watching.md): "New Ombudsman letter: Sefton 2025, upheld 70% (average 65%)". Each announcement is
 * claimed in the store before it is posted, as a digest's slot is (run.ts), so a restart or a second instance never
 * posts it again; it is posted through a function it is given, so this never knows Slack.
 */

export interface LetterAnnouncement {
  letter: string;
  /** The authority's full name, as a watch list names it. */
  council: string;
  shortName: string;
  year: number;
  change: "added" | "updated";
  /** "New Ombudsman letter: Sefton 2025, upheld 70% (average 65%)": plain text, for the surface to escape. */
  headline: string;
  /** The other rates, in the same words: "compliance 100% (average 99%)". None for a letter without statistics. */
  details: string[];
  /** What the announcement says of the letter: announced again in a channel only when this changes. */
  key: string;
}

/** "upheld 70% (average 65%)", "upheld 70%" with no average, "upheld not calculable (no investigations)". */
function rateText(letter: HeldLetter, measure: Metric): string {
  const reading = readingOf(letter, measure);
  // Over no cases the letter's rate (often printed 0%) is no rate at all: never shown as a figure.
  if (reading.noCases) return `${measure} not calculable (no ${MEASURES[measure].baseLabel})`;
  if (reading.value === null) return `${measure} rate not given`;
  return `${measure} ${reading.value}%${reading.average === null ? "" : ` (average ${reading.average}%)`}`;
}

export function announcementOf(letter: HeldLetter, change: "added" | "updated"): LetterAnnouncement {
  const { upheld, compliance, remedy } = letter.stats;
  const noStatistics = upheld === null && compliance === null && remedy === null;
  const figures = noStatistics ? "no statistics in the letter" : rateText(letter, "upheld");
  const details = noStatistics ? [] : [rateText(letter, "compliance"), rateText(letter, "remedy")];
  const named = `${letter.authority.shortName} ${letter.year}`;
  return {
    letter: letter.id,
    council: letter.authority.name,
    shortName: letter.authority.shortName,
    year: letter.year,
    change,
    headline: `${change === "added" ? "New" : "Updated"} Ombudsman letter: ${named}, ${figures}`,
    details,
    key: `${letter.id}: ${[figures, ...details].join("; ")}`,
  };
}

/**
 * The subscriptions that hear of a letter: those watching its council (by full name, as the digest matches a watch
 * list) or every council, and not paused.
 */
export function subscribersOf(subscriptions: readonly Subscription[], letter: HeldLetter): Subscription[] {
  return subscriptions.filter(
    (s) => s.paused === null && (s.councils.length === 0 || s.councils.includes(letter.authority.name)),
  );
}

/** Posts one announcement to a channel; rejects with a `PostFailure` saying whether retrying could mend it. */
export type PostAnnouncement = (channel: string, announcement: LetterAnnouncement) => Promise<{ ts: string }>;

export interface AnnounceDeps {
  storeFile: string;
  post: PostAnnouncement;
  logger: Logger;
  now: () => Date;
  /** Who claims: a process's own id, so the store shows which instance announced. */
  instance?: string;
  /**
   * Called after each announcement is posted and recorded, with the post's `ts`: where a chart of the letter can be
   * added in its thread. A failure is logged; the announcement stands.
   */
  afterPost?: (posted: { channel: string; ts: string; announcement: LetterAnnouncement }) => Promise<unknown>;
}

/** The files of one watched batch, and when its ingest began. */
export interface IngestedBatch {
  files: readonly string[];
  since: Date;
}

export interface AnnounceReport {
  posted: { channel: string; letter: string; ts: string }[];
  failed: { channel: string; letter: string; error: string; permanent: boolean }[];
}

const instanceId = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * The letters this batch's ingest added or updated: logged as ingested since it began, and stored from one of its
 * files. A letter another file's ingest only re-checked (a paragraph found to be general) is not among them.
 */
export function lettersOfBatch(
  data: StoreData,
  batch: IngestedBatch,
): { letter: HeldLetter; change: "added" | "updated" }[] {
  const since = batch.since.toISOString();
  const entries = data.ingested.filter((entry) => entry.at >= since);
  if (entries.length === 0) return [];
  const files = new Set(batch.files.map((file) => displayPath(file)));
  const byId = new Map(data.letters.map((letter) => [letter.id, letter]));
  return entries.flatMap((entry) => {
    const letter = byId.get(entry.id);
    return letter && files.has(letter.source.file) ? [{ letter, change: entry.change }] : [];
  });
}

/**
 * Announce the letters a watched batch brought in. Every announcement due is claimed in one locked write (unless the
 * channel's latest announcement of that letter already says the same), then posted, then its outcome recorded. A
 * crash between claim and post loses that announcement rather than risk a second one. A channel that refuses the
 * post (the bot is not in it) is logged and skipped; its digest, at its slot, pauses it if it still refuses.
 */
export async function announceIngested(deps: AnnounceDeps, batch: IngestedBatch): Promise<AnnounceReport> {
  const report: AnnounceReport = { posted: [], failed: [] };
  const claimedBy = deps.instance ?? instanceId;
  const claims = await updateStore(deps.storeFile, (data) => {
    const claimed: { channel: string; announcement: LetterAnnouncement }[] = [];
    const now = deps.now().toISOString();
    for (const { letter, change } of lettersOfBatch(data, batch)) {
      const announcement = announcementOf(letter, change);
      for (const { channel } of subscribersOf(data.subscriptions, letter)) {
        const last = data.announcements?.find((a) => a.channel === channel && a.letter === letter.id);
        if (last?.key === announcement.key) continue;
        record(data, {
          letter: letter.id,
          channel,
          key: announcement.key,
          change,
          claimedAt: now,
          claimedBy,
          status: "claimed",
          postedAt: null,
          ts: null,
          error: null,
        });
        claimed.push({ channel, announcement });
      }
    }
    return { changed: claimed.length > 0, result: claimed };
  });

  for (const { channel, announcement } of claims) {
    const { letter } = announcement;
    let ts: string;
    try {
      ({ ts } = await deps.post(channel, announcement));
    } catch (error) {
      const { code, permanent } = postFailure(error);
      await settle(deps.storeFile, channel, announcement, { status: "failed", error: code });
      report.failed.push({ channel, letter, error: code, permanent });
      if (permanent) deps.logger.warn({ channel, letter, code }, "cannot announce the letter there: skipped");
      else deps.logger.error({ channel, letter, code }, "the letter's announcement could not be posted");
      continue;
    }
    await settle(deps.storeFile, channel, announcement, { status: "posted", ts, postedAt: deps.now() });
    report.posted.push({ channel, letter, ts });
    deps.logger.info({ channel, letter, ts, change: announcement.change }, "letter announced");
    try {
      await deps.afterPost?.({ channel, ts, announcement });
    } catch (err) {
      deps.logger.warn({ err, channel, letter, ts }, "after announcing the letter: the follow-up failed");
    }
  }
  return report;
}

/** The claim, in place of the channel's earlier announcement of the same letter: only the latest is needed. */
function record(data: StoreData, entry: AnnouncementRecord): void {
  const kept = (data.announcements ?? []).filter(
    (a) => a.channel !== entry.channel || a.letter !== entry.letter,
  );
  data.announcements = [...kept, entry];
}

async function settle(
  storeFile: string,
  channel: string,
  announcement: LetterAnnouncement,
  outcome: { status: "posted"; ts: string; postedAt: Date } | { status: "failed"; error: string },
): Promise<void> {
  await updateStore(storeFile, (data) => {
    const entry = data.announcements?.find(
      (a) => a.channel === channel && a.letter === announcement.letter && a.key === announcement.key,
    );
    if (!entry) return { changed: false, result: undefined };
    entry.status = outcome.status;
    if (outcome.status === "posted") {
      entry.ts = outcome.ts;
      entry.postedAt = outcome.postedAt.toISOString();
    } else {
      entry.error = outcome.error;
    }
    return { changed: true, result: undefined };
  });
}
