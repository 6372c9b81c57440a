import { TZDate, tzOffset } from "@date-fns/tz";
import { addHours, getDay, isEqual, max, min, subHours, subMinutes } from "date-fns";
import { z } from "zod";
import { isTimeZone } from "../store/schema.ts";
import { weekly } from "./days.ts";

/**
 * When a channel's weekly digest is due. Pure functions only: no clock, no I/O, no Slack.
 *
 * Everything is computed in the channel's own IANA time zone with `TZDate` and date-fns, so a post due at 09:00
 * Europe/London is at 09:00 London time in both GMT (09:00Z) and BST (08:00Z).
 *
 * Two local times need a rule, because a wall-clock time is not always exactly one instant:
 *
 * - **Gap** (spring forward: 01:30 on the last Sunday of March does not exist in London, the clocks go from
 *   01:00 GMT to 02:00 BST): the slot is the same wall-clock time shifted forward by the length of the gap, i.e.
 *   the time read with the offset in force before the change. 01:30 → 02:30 BST (01:30Z). This is the rule of
 *   RFC 5545 and of Temporal's `"compatible"` disambiguation, and the slot is still exactly one week after the
 *   last one in real time.
 * - **Overlap** (fall back: 01:30 on the last Sunday of October happens twice in London, first in BST then in
 *   GMT): the slot is the first occurrence, 01:30 BST (00:30Z). The second 01:30 is not a slot, so a channel never
 *   gets two digests that night.
 *
 * `TZDate`'s wall-clock constructor (`new TZDate(y, m, d, h, min, zone)`) does not settle either case the same way
 * on every machine: for the London overlap it gives the first occurrence when the system zone is Europe/London and
 * the second when it is UTC, and with some system zones (Australia/Lord_Howe, say) it can miss the wanted time
 * altogether near another zone's change. So `resolveWallClock` never uses it: it builds the candidate instants
 * from the zone's offsets (`tzOffset`) and keeps those that `TZDate`, built from a timestamp, reads back as the
 * wanted wall-clock time. Nothing here depends on the machine's own time zone.
 */

// ── The schedule ────────────────────────────────────────────────────────────────────────────────────────────────

export { DAY_NAMES } from "./days.ts";

export const DEFAULT_DAY = 1;
export const DEFAULT_TIME = "09:00";
export const DEFAULT_TIME_ZONE = "Europe/London";

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Intl accepts any case ("europe/london"); keep the canonical spelling it resolves to. */
function canonicalTimeZone(name: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: name }).resolvedOptions().timeZone;
}

export const Schedule = z.object({
  /** 0 Sunday … 6 Saturday, as date-fns `getDay`. */
  day: z.number().int().min(0).max(6).default(DEFAULT_DAY),
  /** Local wall-clock time, 24-hour "HH:MM", 00:00–23:59. */
  time: z.string().regex(HH_MM, "time must be 24-hour HH:MM, 00:00–23:59").default(DEFAULT_TIME),
  /** IANA time zone name, checked with Intl. */
  timeZone: z
    .string()
    .refine(isTimeZone, { error: (issue) => `not a time zone: ${JSON.stringify(issue.input)}` })
    .transform(canonicalTimeZone)
    .default(DEFAULT_TIME_ZONE),
});
export type Schedule = z.infer<typeof Schedule>;

/** "Mondays at 09:00 (Europe/London)". */
export function describeSchedule(schedule: Schedule): string {
  return weekly(schedule.day, schedule.time, schedule.timeZone);
}

// ── Wall clock → instant ────────────────────────────────────────────────────────────────────────────────────────

/**
 * A calendar day and time with no zone ("floating"), kept as a `TZDate` in UTC: its getters read the fields back
 * whatever the system time zone. It is only ever built from a timestamp, and moved by whole days with
 * `shiftDays` rather than with setters or date-fns `addDays`, because `TZDate`'s setters pass through the system
 * time zone (with the system zone Pacific/Apia, which skipped 30 December 2011, they miss a day).
 */
type WallClock = TZDate;

function wallClock(year: number, month: number, day: number, hours = 0, minutes = 0): WallClock {
  return new TZDate(Date.UTC(year, month, day, hours, minutes), "UTC");
}

/** The same wall-clock time `days` calendar days later (earlier if negative). */
function shiftDays(wall: WallClock, days: number): WallClock {
  return wallClock(
    wall.getFullYear(),
    wall.getMonth(),
    wall.getDate() + days,
    wall.getHours(),
    wall.getMinutes(),
  );
}

/** The calendar day (at 00:00) that `instant` falls on in `timeZone`. */
function localDay(instant: Date, timeZone: string): WallClock {
  const local = new TZDate(instant.getTime(), timeZone);
  return wallClock(local.getFullYear(), local.getMonth(), local.getDate());
}

function readsAs(instant: Date, timeZone: string, wall: WallClock): boolean {
  const local = new TZDate(instant.getTime(), timeZone);
  return (
    local.getFullYear() === wall.getFullYear() &&
    local.getMonth() === wall.getMonth() &&
    local.getDate() === wall.getDate() &&
    local.getHours() === wall.getHours() &&
    local.getMinutes() === wall.getMinutes()
  );
}

/** The zone's UTC offsets, in minutes, a day either side of `near`: equal unless the clocks change near it. */
function offsetsAround(near: Date, timeZone: string): { before: number; after: number } {
  return { before: tzOffset(timeZone, subHours(near, 24)), after: tzOffset(timeZone, addHours(near, 24)) };
}

/**
 * The instant of the wall-clock time `wall` in `timeZone`: in an overlap the first occurrence, in a gap the same
 * wall-clock time shifted forward by the gap (see the top of this file).
 *
 * The only instants that can read as `wall` are `wall` taken at one of the zone's offsets around it (the one
 * before a change or the one after); the candidates are kept only if `TZDate` reads them back as `wall`. Two
 * read back in an overlap (the earlier is the first occurrence); none in a gap, where `wall` taken at the offset
 * from before the change is the same wall-clock time shifted forward by the gap (01:30 GMT = 02:30 BST).
 */
function resolveWallClock(wall: WallClock, timeZone: string): Date {
  const { before, after } = offsetsAround(wall, timeZone);
  const readsBack = [subMinutes(wall, before), subMinutes(wall, after)]
    .filter((candidate) => readsAs(candidate, timeZone, wall))
    .map((candidate) => candidate.getTime());
  return new Date(readsBack.length > 0 ? Math.min(...readsBack) : subMinutes(wall, before).getTime());
}

function parseTime(time: string): { hours: number; minutes: number } {
  const match = HH_MM.exec(time);
  if (!match) throw new RangeError(`not a 24-hour HH:MM time: ${JSON.stringify(time)}`);
  return { hours: Number(match[1]), minutes: Number(match[2]) };
}

/** The slot on the calendar day `day` (any day: the caller picks one on the schedule's weekday). */
function slotOnDay(schedule: Schedule, day: WallClock): Date {
  const { hours, minutes } = parseTime(schedule.time);
  return resolveWallClock(
    wallClock(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes),
    schedule.timeZone,
  );
}

/**
 * Slots of the weeks around `instant`: the one on the schedule's weekday on or before `instant`'s local day, and
 * those a week either side. A gap moves a slot forward by an hour or so (by a day, once, in Pacific/Apia), so
 * the answer is always among these.
 */
function slotsAround(schedule: Schedule, instant: Date): Date[] {
  const today = localDay(instant, schedule.timeZone);
  const back = (getDay(today) - schedule.day + 7) % 7;
  return [-7, 0, 7].map((days) => slotOnDay(schedule, shiftDays(today, days - back)));
}

// ── Slots ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** The most recent scheduled instant at or before `instant`. */
export function slotAtOrBefore(schedule: Schedule, instant: Date): Date {
  const found = slotsAround(schedule, instant).filter((slot) => slot.getTime() <= instant.getTime());
  return found.length > 0 ? max(found) : slotAtOrBefore(schedule, subHours(instant, 7 * 24));
}

/** The first scheduled instant strictly after `after`. */
export function nextSlot(schedule: Schedule, after: Date): Date {
  const found = slotsAround(schedule, after).filter((slot) => slot.getTime() > after.getTime());
  return found.length > 0 ? min(found) : nextSlot(schedule, addHours(after, 7 * 24));
}

// ── What is due ─────────────────────────────────────────────────────────────────────────────────────────────────

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A slot missed by this much or more is skipped, never posted. */
export const DEFAULT_GRACE_MS = DAY_MS;
/** A post more than this after its slot is `late` (a catch-up after downtime), not an on-time post. */
export const DEFAULT_LATE_AFTER_MS = 60 * 1000;

export type DigestState = {
  /** When the subscription, or its latest change of schedule, took effect: slots at or before it are never due. */
  subscribedAt: Date;
  /** The last slot posted, claimed or skipped for this channel; null if none yet. */
  lastSlot: Date | null;
};

/**
 * - `post`: post the digest for `slot` now, and record `slot` as the channel's last slot before posting (claim
 *   it), so at most one digest goes out per slot. `late` when it is a catch-up. `skipped` lists older slots missed
 *   by 24 hours or more, oldest first, for the log; they are never posted.
 * - `skip`: nothing to post now; every slot in `skipped` (oldest first, never empty) was missed by 24 hours or
 *   more. Log them and record the last one as the channel's last slot. `next` is the next slot.
 * - `wait`: nothing due; `next` is the next slot.
 */
export type Due =
  | { kind: "post"; slot: Date; late: boolean; skipped: Date[] }
  | { kind: "skip"; skipped: Date[]; next: Date }
  | { kind: "wait"; next: Date };

export type DueOptions = { graceMs?: number; lateAfterMs?: number };

/**
 * What to do for one channel at `now`. Only slots after both `state.lastSlot` and `state.subscribedAt` count, so
 * a new subscription never posts the slot it was made just after, and a slot is never due twice. Of those, only
 * the latest slot at or before `now` can be posted, and only if it is less than `graceMs` (24 hours) late: a bot
 * that was down for three weeks posts at most one digest when it starts.
 */
export function dueSlot(schedule: Schedule, state: DigestState, now: Date, options: DueOptions = {}): Due {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const lateAfterMs = options.lateAfterMs ?? DEFAULT_LATE_AFTER_MS;
  const floor = state.lastSlot ? max([state.lastSlot, state.subscribedAt]) : state.subscribedAt;
  const latest = slotAtOrBefore(schedule, now);
  if (latest.getTime() <= floor.getTime())
    return { kind: "wait", next: nextSlot(schedule, max([floor, now])) };

  const missed: Date[] = [];
  for (
    let slot = nextSlot(schedule, floor);
    slot.getTime() < latest.getTime();
    slot = nextSlot(schedule, slot)
  ) {
    missed.push(slot);
  }
  const lateness = now.getTime() - latest.getTime();
  if (lateness < graceMs)
    return { kind: "post", slot: latest, late: lateness > lateAfterMs, skipped: missed };
  return { kind: "skip", skipped: [...missed, latest], next: nextSlot(schedule, now) };
}

/** True if `instant` is exactly one of the schedule's slots. */
export function isSlot(schedule: Schedule, instant: Date): boolean {
  return isEqual(slotAtOrBefore(schedule, instant), instant);
}
