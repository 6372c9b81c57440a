import { TZDate, tzOffset, tzScan } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DAY_MS,
  type DigestState,
  describeSchedule,
  dueSlot,
  isSlot,
  nextSlot,
  Schedule,
  slotAtOrBefore,
} from "../../src/digest/schedule.ts";

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();
const MINUTE = 60 * 1000;

/** The successive slots after `from`. */
function slotsAfter(schedule: Schedule, from: string, count: number): string[] {
  const slots: string[] = [];
  let after = at(from);
  for (let i = 0; i < count; i++) {
    after = nextSlot(schedule, after);
    slots.push(iso(after));
  }
  return slots;
}

/** "Mon 09:00" as `instant` reads on a wall clock in `timeZone`. */
function wallClock(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][local.getDay()];
  return `${day} ${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`;
}

const mondayNineLondon = Schedule.parse({});
const sundayHalfOneLondon = Schedule.parse({ day: 0, time: "01:30" });
const mondayNineNewYork = Schedule.parse({ timeZone: "America/New_York" });
const sundayHalfOneNewYork = Schedule.parse({ day: 0, time: "01:30", timeZone: "America/New_York" });
const sundayHalfTwoNewYork = Schedule.parse({ day: 0, time: "02:30", timeZone: "America/New_York" });

describe("a schedule", () => {
  it("defaults to Mondays at 09:00 Europe/London", () => {
    expect(Schedule.parse({})).toEqual({ day: 1, time: "09:00", timeZone: "Europe/London" });
    expect(describeSchedule(Schedule.parse({}))).toBe("Mondays at 09:00 (Europe/London)");
  });

  it("is described as a person would say it", () => {
    expect(describeSchedule(sundayHalfOneNewYork)).toBe("Sundays at 01:30 (America/New_York)");
    expect(describeSchedule(Schedule.parse({ day: 6, time: "17:45", timeZone: "UTC" }))).toBe(
      "Saturdays at 17:45 (UTC)",
    );
  });

  it("takes a day from 0 (Sunday) to 6 (Saturday) and nothing else", () => {
    expect(Schedule.parse({ day: 0 }).day).toBe(0);
    expect(Schedule.parse({ day: 6 }).day).toBe(6);
    for (const day of [-1, 7, 1.5, "1"]) expect(Schedule.safeParse({ day }).success).toBe(false);
  });

  it("takes a 24-hour HH:MM time from 00:00 to 23:59 and nothing else", () => {
    expect(Schedule.parse({ time: "00:00" }).time).toBe("00:00");
    expect(Schedule.parse({ time: "23:59" }).time).toBe("23:59");
    for (const time of ["24:00", "9:00", "09:60", "9am", "0900", " 09:00"]) {
      expect(Schedule.safeParse({ time }).success).toBe(false);
    }
  });

  it("takes an IANA time zone that Intl knows, in its canonical spelling, and refuses anything else", () => {
    expect(Schedule.parse({ timeZone: "America/New_York" }).timeZone).toBe("America/New_York");
    expect(Schedule.parse({ timeZone: "europe/london" }).timeZone).toBe("Europe/London");
    expect(Schedule.parse({ timeZone: "UTC" }).timeZone).toBe("UTC");
    for (const timeZone of ["Mars/Olympus", "Europe/Lndon", "", "+01:00", "GMT+25"]) {
      const result = Schedule.safeParse({ timeZone });
      expect(result.success, timeZone).toBe(false);
    }
  });
});

describe("a Monday 09:00 Europe/London schedule", () => {
  it("is at 09:00 local every week across the change to BST on 29 March 2026: 09:00Z, then 08:00Z", () => {
    expect(slotsAfter(mondayNineLondon, "2026-03-10T00:00:00Z", 5)).toEqual([
      "2026-03-16T09:00:00.000Z",
      "2026-03-23T09:00:00.000Z",
      "2026-03-30T08:00:00.000Z", // the Monday after the change: still 09:00 local
      "2026-04-06T08:00:00.000Z",
      "2026-04-13T08:00:00.000Z",
    ]);
  });

  it("is at 09:00 local every week across the change back to GMT on 25 October 2026: 08:00Z, then 09:00Z", () => {
    expect(slotsAfter(mondayNineLondon, "2026-10-10T00:00:00Z", 4)).toEqual([
      "2026-10-12T08:00:00.000Z",
      "2026-10-19T08:00:00.000Z",
      "2026-10-26T09:00:00.000Z", // the Monday after the change: still 09:00 local
      "2026-11-02T09:00:00.000Z",
    ]);
  });

  it("finds the latest slot at or before an instant, and the first one strictly after it", () => {
    const slot = at("2026-03-30T08:00:00Z");
    expect(iso(slotAtOrBefore(mondayNineLondon, slot))).toBe(iso(slot));
    expect(iso(nextSlot(mondayNineLondon, slot))).toBe("2026-04-06T08:00:00.000Z");
    expect(iso(slotAtOrBefore(mondayNineLondon, at("2026-03-30T07:59:59.999Z")))).toBe(
      "2026-03-23T09:00:00.000Z",
    );
    expect(iso(nextSlot(mondayNineLondon, at("2026-03-30T07:59:59.999Z")))).toBe(iso(slot));
    // Mid-week, on the day of the change itself.
    expect(iso(slotAtOrBefore(mondayNineLondon, at("2026-03-29T12:00:00Z")))).toBe(
      "2026-03-23T09:00:00.000Z",
    );
    expect(iso(nextSlot(mondayNineLondon, at("2026-03-29T12:00:00Z")))).toBe(iso(slot));
    expect(isSlot(mondayNineLondon, slot)).toBe(true);
    expect(isSlot(mondayNineLondon, at("2026-03-30T09:00:00Z"))).toBe(false);
  });
});

describe("a Sunday 01:30 Europe/London schedule on the days the clocks change", () => {
  it("in the spring gap (01:30 on 29 March 2026 does not exist) is the same wall-clock time shifted forward by the gap: 02:30 BST", () => {
    expect(slotsAfter(sundayHalfOneLondon, "2026-03-21T00:00:00Z", 3)).toEqual([
      "2026-03-22T01:30:00.000Z", // 01:30 GMT
      "2026-03-29T01:30:00.000Z", // 02:30 BST: exactly a week later in real time
      "2026-04-05T00:30:00.000Z", // 01:30 BST
    ]);
    expect(wallClock(at("2026-03-29T01:30:00Z"), "Europe/London")).toBe("Sun 02:30");
  });

  it("in the autumn overlap (01:30 on 25 October 2026 happens twice) is the first occurrence only, 01:30 BST", () => {
    expect(slotsAfter(sundayHalfOneLondon, "2026-10-17T00:00:00Z", 3)).toEqual([
      "2026-10-18T00:30:00.000Z", // 01:30 BST
      "2026-10-25T00:30:00.000Z", // 01:30 BST, the first of the two
      "2026-11-01T01:30:00.000Z", // 01:30 GMT
    ]);
    // The second 01:30 (GMT) is not a slot: at it, the latest slot is still the first one.
    expect(isSlot(sundayHalfOneLondon, at("2026-10-25T01:30:00Z"))).toBe(false);
    expect(iso(slotAtOrBefore(sundayHalfOneLondon, at("2026-10-25T01:30:00Z")))).toBe(
      "2026-10-25T00:30:00.000Z",
    );
  });

  it("does not depend on the time zone of the machine it runs on", () => {
    const before = process.env.TZ;
    const seen = new Set<string>();
    try {
      for (const systemZone of [
        "UTC",
        "Europe/London",
        "America/New_York",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
      ]) {
        process.env.TZ = systemZone;
        seen.add(
          [
            ...slotsAfter(sundayHalfOneLondon, "2026-03-21T00:00:00Z", 3),
            ...slotsAfter(sundayHalfOneLondon, "2026-10-17T00:00:00Z", 3),
            ...slotsAfter(sundayHalfOneNewYork, "2026-10-24T00:00:00Z", 2),
            ...slotsAfter(sundayHalfTwoNewYork, "2026-03-01T00:00:00Z", 2),
          ].join(" "),
        );
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
    expect(seen.size).toBe(1);
  });
});

describe("a schedule in America/New_York", () => {
  it("follows US summer time, which starts on 8 March 2026, three weeks before the UK's", () => {
    expect(slotsAfter(mondayNineNewYork, "2026-02-28T00:00:00Z", 5)).toEqual([
      "2026-03-02T14:00:00.000Z", // 09:00 EST
      "2026-03-09T13:00:00.000Z", // 09:00 EDT, while London is still on GMT
      "2026-03-16T13:00:00.000Z",
      "2026-03-23T13:00:00.000Z",
      "2026-03-30T13:00:00.000Z",
    ]);
    expect(iso(nextSlot(mondayNineLondon, at("2026-03-08T00:00:00Z")))).toBe("2026-03-09T09:00:00.000Z");
  });

  it("follows US standard time, which comes back on 1 November 2026, a week after the UK's", () => {
    expect(slotsAfter(mondayNineNewYork, "2026-10-24T00:00:00Z", 3)).toEqual([
      "2026-10-26T13:00:00.000Z", // 09:00 EDT, while London is back on GMT
      "2026-11-02T14:00:00.000Z", // 09:00 EST
      "2026-11-09T14:00:00.000Z",
    ]);
  });

  it("applies the same gap and overlap rules on the US change days", () => {
    // 02:30 on 8 March 2026 does not exist in New York: 03:30 EDT.
    expect(slotsAfter(sundayHalfTwoNewYork, "2026-03-01T00:00:00Z", 2)).toEqual([
      "2026-03-01T07:30:00.000Z", // 02:30 EST
      "2026-03-08T07:30:00.000Z", // 03:30 EDT
    ]);
    expect(wallClock(at("2026-03-08T07:30:00Z"), "America/New_York")).toBe("Sun 03:30");
    // 01:30 on 1 November 2026 happens twice in New York: the first, 01:30 EDT.
    expect(slotsAfter(sundayHalfOneNewYork, "2026-10-24T00:00:00Z", 2)).toEqual([
      "2026-10-25T05:30:00.000Z", // 01:30 EDT
      "2026-11-01T05:30:00.000Z", // 01:30 EDT, the first of the two
    ]);
  });
});

describe("dueSlot", () => {
  const subscribedAt = at("2026-01-01T12:00:00Z"); // a Thursday
  const state = (lastSlot: string | null, since = subscribedAt): DigestState => ({
    subscribedAt: since,
    lastSlot: lastSlot === null ? null : at(lastSlot),
  });
  const due = (lastSlot: string | null, now: string, since?: Date) =>
    dueSlot(mondayNineLondon, state(lastSlot, since), at(now));

  it("has nothing due before the first slot, and says when it is", () => {
    expect(due(null, "2026-01-05T08:59:59Z")).toEqual({ kind: "wait", next: at("2026-01-05T09:00:00Z") });
  });

  it("posts exactly at the slot, on time", () => {
    expect(due(null, "2026-01-05T09:00:00Z")).toEqual({
      kind: "post",
      slot: at("2026-01-05T09:00:00Z"),
      late: false,
      skipped: [],
    });
    expect(due(null, "2026-01-05T09:00:59Z")).toMatchObject({ kind: "post", late: false });
  });

  it("posts a slot once: once it is recorded, nothing is due until the next one", () => {
    expect(due("2026-01-05T09:00:00Z", "2026-01-05T09:00:00Z")).toEqual({
      kind: "wait",
      next: at("2026-01-12T09:00:00Z"),
    });
    expect(due("2026-01-05T09:00:00Z", "2026-01-12T08:59:00Z")).toMatchObject({ kind: "wait" });
  });

  it("catches up a slot missed by less than 24 hours, once, marked late", () => {
    expect(due("2026-01-05T09:00:00Z", "2026-01-12T20:00:00Z")).toEqual({
      kind: "post",
      slot: at("2026-01-12T09:00:00Z"),
      late: true,
      skipped: [],
    });
    expect(due("2026-01-05T09:00:00Z", "2026-01-13T08:59:59.999Z")).toMatchObject({
      kind: "post",
      late: true,
    });
  });

  it("skips a slot missed by 24 hours or more, and reports it for the log", () => {
    expect(due("2026-01-05T09:00:00Z", "2026-01-13T09:00:00Z")).toEqual({
      kind: "skip",
      skipped: [at("2026-01-12T09:00:00Z")],
      next: at("2026-01-19T09:00:00Z"),
    });
    // Once the skipped slot is recorded, it is not reported again.
    expect(due("2026-01-12T09:00:00Z", "2026-01-13T10:00:00Z")).toMatchObject({ kind: "wait" });
  });

  it("never has two slots due at once after a long outage: the one less than 24 hours late, if any", () => {
    // Down from just after the 5 January post until Monday 2 February 10:00.
    expect(due("2026-01-05T09:00:00Z", "2026-02-02T10:00:00Z")).toEqual({
      kind: "post",
      slot: at("2026-02-02T09:00:00Z"),
      late: true,
      skipped: [at("2026-01-12T09:00:00Z"), at("2026-01-19T09:00:00Z"), at("2026-01-26T09:00:00Z")],
    });
    // Back on the Tuesday instead: nothing is posted at all.
    expect(due("2026-01-05T09:00:00Z", "2026-02-03T12:00:00Z")).toEqual({
      kind: "skip",
      skipped: [
        at("2026-01-12T09:00:00Z"),
        at("2026-01-19T09:00:00Z"),
        at("2026-01-26T09:00:00Z"),
        at("2026-02-02T09:00:00Z"),
      ],
      next: at("2026-02-09T09:00:00Z"),
    });
  });

  it("does not post, for a new subscription, the slot it was made just after", () => {
    const mondayFive = at("2026-01-05T09:05:00Z");
    for (const now of ["2026-01-05T09:05:00Z", "2026-01-05T09:10:00Z", "2026-01-06T09:00:00Z"]) {
      expect(due(null, now, mondayFive)).toEqual({ kind: "wait", next: at("2026-01-12T09:00:00Z") });
    }
    expect(due(null, "2026-01-12T09:00:00Z", mondayFive)).toMatchObject({
      kind: "post",
      slot: at("2026-01-12T09:00:00Z"),
    });
    // Made at the very instant of a slot: that slot is not posted either.
    expect(due(null, "2026-01-05T09:00:00Z", at("2026-01-05T09:00:00Z"))).toMatchObject({ kind: "wait" });
  });

  it("ignores slots from before a change of schedule, even if the last slot is older", () => {
    const changedAt = at("2026-01-13T10:00:00Z"); // Tuesday, after the Monday slot
    expect(due("2026-01-05T09:00:00Z", "2026-01-13T10:00:00Z", changedAt)).toEqual({
      kind: "wait",
      next: at("2026-01-19T09:00:00Z"),
    });
  });

  it("catches up at the right local time across a clock change", () => {
    expect(due("2026-03-23T09:00:00Z", "2026-03-30T08:30:00Z")).toEqual({
      kind: "post",
      slot: at("2026-03-30T08:00:00Z"),
      late: true,
      skipped: [],
    });
  });

  it("takes its grace and lateness thresholds as options", () => {
    const last = state("2026-01-05T09:00:00Z");
    expect(
      dueSlot(mondayNineLondon, last, at("2026-01-12T11:00:00Z"), { graceMs: 60 * MINUTE }),
    ).toMatchObject({
      kind: "skip",
    });
    expect(
      dueSlot(mondayNineLondon, last, at("2026-01-12T09:04:00Z"), { lateAfterMs: 5 * MINUTE }),
    ).toMatchObject({
      kind: "post",
      late: false,
    });
  });
});

describe("slots, for any schedule, zone and instant", () => {
  const pad = (n: number) => String(n).padStart(2, "0");
  const scheduleOf = (day: number, hours: number, minutes: number, timeZone: string) =>
    Schedule.parse({ day, time: `${pad(hours)}:${pad(minutes)}`, timeZone });

  /** The wall clock (as a UTC-fields Date) that `instant` reads in a zone whose offset is `offsetMinutes`. */
  const readAt = (instant: Date, offsetMinutes: number) =>
    new Date(instant.getTime() + offsetMinutes * MINUTE);

  /** Any zone Intl knows, any weekly time, any instant in 2000–2040. */
  const anywhere = fc
    .record({
      day: fc.integer({ min: 0, max: 6 }),
      hours: fc.integer({ min: 0, max: 23 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      timeZone: fc.constantFrom(...Intl.supportedValuesOf("timeZone")),
      t: fc.date({ min: at("2000-01-01T00:00:00Z"), max: at("2040-01-01T00:00:00Z"), noInvalidDate: true }),
    })
    .map(({ day, hours, minutes, timeZone, t }) => ({
      schedule: scheduleOf(day, hours, minutes, timeZone),
      t,
    }));

  /**
   * A schedule set within two hours of a real clock change, on its day, and an instant in the week before it: gaps
   * and overlaps of 30 minutes (Lord Howe), an hour, two hours (Troll), a whole day (Apia, December 2011), at
   * midnight (Santiago, Beirut, Havana) and the negative summer time of Dublin.
   */
  const changeZones = [
    "Europe/London",
    "Europe/Dublin",
    "America/New_York",
    "America/Santiago",
    "America/Havana",
    "America/St_Johns",
    "Asia/Beirut",
    "Australia/Lord_Howe",
    "Antarctica/Troll",
    "Pacific/Apia",
    "Pacific/Chatham",
    "Africa/Casablanca",
  ];
  const changes = changeZones.flatMap((timeZone) =>
    tzScan(timeZone, { start: at("2010-01-01T00:00:00Z"), end: at("2031-01-01T00:00:00Z") }).map(
      ({ date }) => ({
        timeZone,
        date,
      }),
    ),
  );
  const atClockChanges = fc
    .record({
      change: fc.constantFrom(...changes),
      shiftMinutes: fc.integer({ min: -120, max: 120 }),
      offsetSide: fc.constantFrom(-DAY_MS, DAY_MS),
      before: fc.integer({ min: 0, max: 8 * DAY_MS }),
    })
    .map(({ change: { timeZone, date }, shiftMinutes, offsetSide, before }) => {
      // The wall clock near the change, read at the offset from before it or after it: so some of these times
      // fall in a gap (they do not exist) and some in an overlap (they happen twice).
      const wall = readAt(
        new Date(date.getTime() + shiftMinutes * MINUTE),
        tzOffset(timeZone, new Date(date.getTime() + offsetSide)),
      );
      return {
        schedule: scheduleOf(wall.getUTCDay(), wall.getUTCHours(), wall.getUTCMinutes(), timeZone),
        t: new Date(date.getTime() - before),
      };
    });
  const cases = fc.oneof(anywhere, atClockChanges);

  const readIn = (instant: Date, timeZone: string) => readAt(instant, tzOffset(timeZone, instant));
  const onSchedule = (schedule: Schedule, wall: Date) =>
    wall.getUTCDay() === schedule.day &&
    `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}` === schedule.time &&
    wall.getUTCSeconds() === 0 &&
    wall.getUTCMilliseconds() === 0;

  it("the next slot is after the instant, on the schedule's weekday and wall-clock time (or shifted by a gap), and the first instant that reads so", () => {
    fc.assert(
      fc.property(cases, ({ schedule, t }) => {
        const next = nextSlot(schedule, t);
        expect(next.getTime()).toBeGreaterThan(t.getTime());
        const { timeZone } = schedule;
        const before = tzOffset(timeZone, new Date(next.getTime() - DAY_MS));
        const change = tzOffset(timeZone, new Date(next.getTime() + DAY_MS)) - before;
        if (onSchedule(schedule, readIn(next, timeZone))) {
          // In an overlap, not the second occurrence.
          if (change < 0) {
            expect(onSchedule(schedule, readIn(new Date(next.getTime() + change * MINUTE), timeZone))).toBe(
              false,
            );
          }
          return;
        }
        // Only in a gap: the offset jumped forward by `gap` minutes less than `gap` minutes before the slot,
        // and the slot is the scheduled wall-clock time read at the offset from before the jump.
        const gap = tzOffset(timeZone, next) - before;
        expect(gap).toBeGreaterThan(0);
        expect(tzOffset(timeZone, new Date(next.getTime() - gap * MINUTE))).toBe(before);
        expect(onSchedule(schedule, readAt(next, before))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("the slot at or before an instant and the next slot after it are consecutive slots around it", () => {
    fc.assert(
      fc.property(cases, ({ schedule, t }) => {
        const previous = slotAtOrBefore(schedule, t);
        const next = nextSlot(schedule, t);
        expect(previous.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(iso(nextSlot(schedule, previous))).toBe(iso(next));
        expect(iso(slotAtOrBefore(schedule, new Date(next.getTime() - 1)))).toBe(iso(previous));
        expect(iso(slotAtOrBefore(schedule, next))).toBe(iso(next));
        const week = next.getTime() - previous.getTime();
        expect(week).toBeGreaterThanOrEqual(6 * DAY_MS);
        expect(week).toBeLessThanOrEqual(8 * DAY_MS);
      }),
      { numRuns: 400 },
    );
  });

  it("the slots are the same whatever the time zone of the machine", () => {
    const machineZones = [
      "Europe/London",
      "America/New_York",
      "Australia/Lord_Howe",
      "Pacific/Apia",
      "Asia/Kolkata",
    ];
    const slotsOn = (machineZone: string | undefined, schedule: Schedule, t: Date) => {
      const before = process.env.TZ;
      try {
        if (machineZone === undefined) delete process.env.TZ;
        else process.env.TZ = machineZone;
        return [iso(slotAtOrBefore(schedule, t)), iso(nextSlot(schedule, t))];
      } finally {
        if (before === undefined) delete process.env.TZ;
        else process.env.TZ = before;
      }
    };
    fc.assert(
      fc.property(cases, fc.constantFrom(...machineZones), ({ schedule, t }, machineZone) => {
        expect(slotsOn(machineZone, schedule, t)).toEqual(slotsOn("UTC", schedule, t));
      }),
      { numRuns: 200 },
    );
  });

  it("a bot that wakes at random times posts each slot at most once, exactly when it first wakes within 24 hours of it", () => {
    const runs = fc.record({
      start: cases,
      gaps: fc.array(fc.integer({ min: 1, max: 20 * DAY_MS }), { minLength: 1, maxLength: 30 }),
    });
    fc.assert(
      fc.property(runs, ({ start: { schedule, t: subscribedAt }, gaps }) => {
        const state: DigestState = { subscribedAt, lastSlot: null };
        const posted: string[] = [];
        const ticks: Date[] = [];
        let now = subscribedAt;
        for (const gap of gaps) {
          now = new Date(now.getTime() + gap);
          ticks.push(now);
          const due = dueSlot(schedule, state, now);
          if (due.kind === "post") {
            expect(posted).not.toContain(iso(due.slot));
            posted.push(iso(due.slot));
            state.lastSlot = due.slot;
          } else if (due.kind === "skip") {
            state.lastSlot = due.skipped.at(-1) ?? null;
          }
        }
        // Every slot after the subscription, up to the last wake: posted iff the first wake at or after it
        // comes before the next slot and less than 24 hours after it.
        const expected: string[] = [];
        for (let slot = nextSlot(schedule, subscribedAt); slot <= now; slot = nextSlot(schedule, slot)) {
          const firstWake = ticks.find((tick) => tick >= slot);
          if (
            firstWake &&
            firstWake < nextSlot(schedule, slot) &&
            firstWake.getTime() - slot.getTime() < DAY_MS
          ) {
            expected.push(iso(slot));
          }
        }
        expect(posted).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
