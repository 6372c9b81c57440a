import { z } from "zod";
import { Letter } from "../letters/schema.ts";

/** 2: letters' `stats.upheld.perHundredThousand` and `stats.overview`. Older files are migrated on load (migrate.ts). */
export const SCHEMA_VERSION = 3;

/** When each stored letter last went in, and how: the digest reports what is new since a channel's last post. */
export const Ingested = z
  .object({ id: z.string().min(1), at: z.iso.datetime(), change: z.enum(["added", "updated"]) })
  .strict();
export type Ingested = z.infer<typeof Ingested>;

/**
 * What a letter file was when its letter went in: an ingest skips a file whose size and modification time match (or,
 * when they do not, whose bytes hash to `sha256`), if the record was made by this parser (`PARSER_VERSION`) and the
 * stored letter `id` is still the one read from it (its `source` is this file and this hash).
 */
export const FileRecord = z
  .object({
    path: z.string().min(1),
    size: z.number().int().nonnegative(),
    mtimeMs: z.number().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    parser: z.number().int(),
    id: z.string().min(1),
  })
  .strict();
export type FileRecord = z.infer<typeof FileRecord>;

/**
 * An IANA zone name that this runtime's Intl knows ("Europe/London", "America/New_York", "UTC"). Fixed offsets
 * such as "+01:00" are not names and are refused: they have no summer time, which is the point of a zone.
 */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** A channel's weekly digest: where, for which councils (none: all), when, in which zone. */
export const Subscription = z
  .object({
    channel: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, "must be a Slack channel id"),
    councils: z.array(z.string().min(1)),
    /** 0 Sunday … 6 Saturday, as date-fns counts. */
    day: z.number().int().min(0).max(6),
    time: z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM, 24-hour"),
    timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/London"),
    /** Skip the digest in a week with nothing new, rather than post "nothing changed". */
    quiet: z.boolean(),
    createdBy: z.string().min(1),
    createdAt: z.iso.datetime(),
    /** The last scheduled slot claimed for this channel (posted, or being posted). */
    lastSlot: z.iso.datetime().nullable(),
    /** When the last digest was posted: "what is new" is measured from here. */
    lastPostedAt: z.iso.datetime().nullable(),
    paused: z
      .object({ reason: z.string().min(1), at: z.iso.datetime() })
      .strict()
      .nullable(),
  })
  .strict();
export type Subscription = z.infer<typeof Subscription>;

/** One claimed slot: written before posting, so no slot is posted twice, by one process or two. */
export const DigestRecord = z
  .object({
    channel: z.string().min(1),
    slot: z.iso.datetime(),
    claimedAt: z.iso.datetime(),
    claimedBy: z.string().min(1),
    status: z.enum(["claimed", "posted", "failed", "skipped"]),
    postedAt: z.iso.datetime().nullable(),
    ts: z.string().nullable(),
    error: z.string().nullable(),
  })
  .strict();
export type DigestRecord = z.infer<typeof DigestRecord>;

/**
 * One letter announced in one channel (docs/watching.md): claimed before it is posted, so no letter is announced twice
 * in a channel, by one process or two, or after a restart. `key` is what the announcement says (the letter and the
 * figures it shows): the letter is announced again there only when that changes. Only the latest per channel and
 * letter is kept.
 */
export const AnnouncementRecord = z
  .object({
    letter: z.string().min(1),
    channel: z.string().min(1),
    key: z.string().min(1),
    change: z.enum(["added", "updated"]),
    claimedAt: z.iso.datetime(),
    claimedBy: z.string().min(1),
    status: z.enum(["claimed", "posted", "failed"]),
    postedAt: z.iso.datetime().nullable(),
    ts: z.string().nullable(),
    error: z.string().nullable(),
  })
  .strict();
export type AnnouncementRecord = z.infer<typeof AnnouncementRecord>;

/**
 * The store file of DESIGN.md. `letters` is sorted by id and never reshaped; other features add top-level keys.
 * Unknown top-level keys are kept, so an older ombuds never drops what a newer one added.
 */
export const StoreData = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  letters: z.array(Letter),
  ingested: z.array(Ingested).default([]),
  subscriptions: z.array(Subscription).default([]),
  digests: z.array(DigestRecord).default([]),
  /** The letter files ingested, by path (sorted): absent in a store written before there were any, which is fine. */
  files: z.array(FileRecord).default([]),
  /**
   * Letters announced in digest channels as they arrived while the bot ran. Optional rather than defaulted, so a
   * store that never had one is read and written exactly as before (no migration step, no version): an older
   * ombuds keeps the key as an unknown one.
   */
  announcements: z.array(AnnouncementRecord).optional(),
});
export type StoreData = z.infer<typeof StoreData>;

export function emptyStore(): StoreData {
  return {
    schemaVersion: SCHEMA_VERSION,
    letters: [],
    ingested: [],
    subscriptions: [],
    digests: [],
    files: [],
  };
}
