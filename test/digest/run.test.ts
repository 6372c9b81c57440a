import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import { PostFailure } from "../../src/digest/post-failure.ts";
import { type RunDeps, type RunReport, runDueDigests } from "../../src/digest/run.ts";
import { updateStore } from "../../src/store/store.ts";
import { composerOf, fakePost, type LogLines, logged, stored, storeWith, subscription } from "./support.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => new Date(iso);
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** A Monday in winter: 09:00 London is 09:00Z. */
const MONDAY = "2026-11-23T09:00:00.000Z";
const NEXT_MONDAY = "2026-11-30T09:00:00.000Z";
const LAST_MONDAY = "2026-11-16T09:00:00.000Z";

/** "Mon 09:00" as `iso` reads on a wall clock in London. */
function london(iso: string): string {
  const local = new TZDate(Date.parse(iso), "Europe/London");
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][local.getDay()];
  return `${day} ${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`;
}

/**
 * One bot against one store file with a clock the test moves: `runAt(instant)` is a run of the weekly job at that
 * instant, and every `post` call is recorded with the instant it happened.
 */
async function bot(
  storeFile: string,
  options: {
    instance?: string;
    respond?: Parameters<typeof fakePost>[1];
    log?: { log: LogLines; logger: RunDeps["logger"] };
  } = {},
) {
  let now = at("2000-01-01T00:00:00.000Z");
  const clock = () => now;
  const { post, calls } = fakePost(clock, options.respond);
  const { log, logger } = options.log ?? logged();
  const waits: number[] = [];
  const deps: RunDeps = {
    storeFile,
    compose: await composerOf(storeFile),
    post,
    logger,
    now: clock,
    instance: options.instance ?? "bot-1",
    sleep: async (ms) => {
      waits.push(ms);
    },
  };
  return {
    calls,
    log,
    waits,
    runAt(iso: string) {
      now = at(iso);
      return runDueDigests(deps);
    },
  };
}

describe("next-run times across the changes to and from British Summer Time", () => {
  // Clocks go forward on Sunday 29 March 2026 and back on Sunday 25 October 2026. Each window runs from the Sunday
  // before the Monday before the change to the Tuesday after the second Monday after it: three Mondays.
  it.each([
    {
      change: "to BST (29 March 2026)",
      from: "2026-03-22T00:00:00.000Z",
      to: "2026-04-07T00:00:00.000Z",
      posts: ["2026-03-23T09:00:00.000Z", "2026-03-30T08:00:00.000Z", "2026-04-06T08:00:00.000Z"],
    },
    {
      change: "from BST (25 October 2026)",
      from: "2026-10-18T00:00:00.000Z",
      to: "2026-11-03T00:00:00.000Z",
      posts: ["2026-10-19T08:00:00.000Z", "2026-10-26T09:00:00.000Z", "2026-11-02T09:00:00.000Z"],
    },
  ])(
    "a Monday 09:00 London subscription posts exactly once a week at 09:00 London time across the change $change, run every 15 minutes",
    async ({ from, to, posts }) => {
      const store = await storeWith([subscription({ createdAt: from })]);
      const b = await bot(store);
      const reported: RunReport["posted"] = [];
      for (let t = Date.parse(from); t < Date.parse(to); t += 15 * MINUTE) {
        const report = await b.runAt(new Date(t).toISOString());
        reported.push(...report.posted);
        expect(report.failed).toEqual([]);
        expect(report.skipped).toEqual([]);
      }
      expect(b.calls.map((c) => [c.channel, c.at])).toEqual(posts.map((p) => ["C0GENERAL", p]));
      expect(b.calls.map((c) => london(c.at))).toEqual(posts.map(() => "Mon 09:00"));
      expect(reported).toEqual(posts.map((slot) => ({ channel: "C0GENERAL", slot, late: false })));
      expect(b.log.find("warn", "")).toEqual([]);
    },
  );
});

describe("the schedule survives restarts", () => {
  it("the last post per channel is persisted: a fresh run against the same store file knows it and does not post that slot again", async () => {
    const store = await storeWith([subscription()]);
    const first = await bot(store, { instance: "bot-1" });
    await first.runAt(MONDAY);
    expect(first.calls.map((c) => c.at)).toEqual([MONDAY]);

    const data = await stored(store);
    expect(data.subscriptions[0]).toMatchObject({ lastSlot: MONDAY, lastPostedAt: MONDAY, paused: null });
    expect(data.digests).toEqual([
      {
        channel: "C0GENERAL",
        slot: MONDAY,
        claimedAt: MONDAY,
        claimedBy: "bot-1",
        status: "posted",
        postedAt: MONDAY,
        ts: "1700000000.000000",
        error: null,
      },
    ]);

    // The bot restarts: a new process, a new library, the same store file.
    const restarted = await bot(store, { instance: "bot-2" });
    for (const instant of [
      later(MONDAY, 5 * MINUTE),
      later(MONDAY, 3 * HOUR),
      later(MONDAY, 23 * HOUR + 59 * MINUTE),
    ]) {
      expect((await restarted.runAt(instant)).posted).toEqual([]);
    }
    expect(restarted.calls).toEqual([]);
    await restarted.runAt(NEXT_MONDAY);
    expect(restarted.calls.map((c) => c.at)).toEqual([NEXT_MONDAY]);
  });

  it("a digest missed while the bot was down, less than 24 hours late, is posted once on start, marked late", async () => {
    const store = await storeWith([subscription({ lastSlot: LAST_MONDAY, lastPostedAt: LAST_MONDAY })]);
    const b = await bot(store);
    const start = later(MONDAY, 23 * HOUR + 30 * MINUTE);
    const report = await b.runAt(start);
    expect(report.posted).toEqual([{ channel: "C0GENERAL", slot: MONDAY, late: true }]);
    expect(b.calls.map((c) => [c.channel, c.at])).toEqual([["C0GENERAL", start]]);
    expect(b.log.find("info", "digest posted")).toMatchObject([{ channel: "C0GENERAL", late: true }]);
    expect(b.log.find("warn", "")).toEqual([]);

    await b.runAt(later(start, 15 * MINUTE));
    await b.runAt(later(start, 2 * HOUR));
    expect(b.calls).toHaveLength(1);
    expect((await stored(store)).subscriptions[0]).toMatchObject({ lastSlot: MONDAY, lastPostedAt: start });
  });

  it("a digest missed by more than 24 hours is skipped and logged with its channel and slot, never posted", async () => {
    const store = await storeWith([subscription({ lastSlot: LAST_MONDAY, lastPostedAt: LAST_MONDAY })]);
    const b = await bot(store);
    const start = later(MONDAY, 24 * HOUR + 30 * MINUTE);
    const report = await b.runAt(start);
    expect(report.posted).toEqual([]);
    expect(report.skipped).toEqual([{ channel: "C0GENERAL", slots: [MONDAY], why: "missed" }]);
    expect(b.log.find("warn", "missed")).toMatchObject([{ channel: "C0GENERAL", slots: [MONDAY] }]);
    expect((await stored(store)).subscriptions[0]?.lastSlot).toBe(MONDAY);

    // Nor later that week: the next post is the next Monday's, on time, and the skip is logged once.
    for (const instant of [later(start, HOUR), later(start, 2 * 24 * HOUR), NEXT_MONDAY])
      await b.runAt(instant);
    expect(b.calls.map((c) => c.at)).toEqual([NEXT_MONDAY]);
    expect(b.log.find("warn", "missed")).toHaveLength(1);
  });

  it("after weeks down, only the latest slot (if less than 24 hours late) is posted; the older ones are logged as skipped", async () => {
    const store = await storeWith([
      subscription({
        createdAt: "2026-10-01T10:00:00.000Z",
        lastSlot: "2026-11-02T09:00:00.000Z",
        lastPostedAt: "2026-11-02T09:00:00.000Z",
      }),
    ]);
    const b = await bot(store);
    const report = await b.runAt(later(MONDAY, 2 * HOUR));
    expect(report.posted).toEqual([{ channel: "C0GENERAL", slot: MONDAY, late: true }]);
    expect(b.calls).toHaveLength(1);
    expect(b.log.find("warn", "missed")).toMatchObject([
      { channel: "C0GENERAL", slots: ["2026-11-09T09:00:00.000Z", LAST_MONDAY] },
    ]);
  });
});

describe("two instances against the same store", () => {
  it("post at most one digest per channel per slot, even when they run at the same moment", async () => {
    const store = await storeWith([subscription(), subscription({ channel: "C0BURY" })]);
    const one = await bot(store, { instance: "bot-1" });
    const two = await bot(store, { instance: "bot-2" });
    const mondays = [MONDAY, NEXT_MONDAY, "2026-12-07T09:00:00.000Z", "2026-12-14T09:00:00.000Z"];
    for (const monday of mondays) {
      const reports = await Promise.all([one.runAt(monday), two.runAt(monday)]);
      expect(reports.flatMap((r) => r.posted.map((p) => p.channel)).sort()).toEqual(["C0BURY", "C0GENERAL"]);
    }
    const calls = [...one.calls, ...two.calls];
    for (const channel of ["C0GENERAL", "C0BURY"]) {
      expect(
        calls
          .filter((c) => c.channel === channel)
          .map((c) => c.at)
          .sort(),
      ).toEqual(mondays);
    }
    const digests = (await stored(store)).digests;
    expect(digests).toHaveLength(8);
    expect(new Set(digests.map((d) => `${d.channel} ${d.slot}`)).size).toBe(8);
    expect(digests.every((d) => d.status === "posted")).toBe(true);
  });
});

describe("a crash between claiming a slot and posting it", () => {
  it("loses that digest rather than post it twice: a second instance does not post it again, logs that the claim was never confirmed, and the store records it", async () => {
    const store = await storeWith([subscription()]);
    const log = logged();
    // The first instance claims the slot and then hangs in `post` (as if the process died mid-call).
    const crashed = await bot(store, { instance: "bot-1", log, respond: () => new Promise(() => {}) });
    void crashed.runAt(MONDAY);
    await expect.poll(() => crashed.calls.length).toBe(1);
    expect((await stored(store)).digests).toMatchObject([
      { channel: "C0GENERAL", slot: MONDAY, claimedBy: "bot-1", status: "claimed" },
    ]);

    const second = await bot(store, { instance: "bot-2", log });
    // Within ten minutes the first may still be posting: nothing is said yet.
    await second.runAt(later(MONDAY, 5 * MINUTE));
    expect(log.log.find("warn", "never confirmed")).toEqual([]);

    await second.runAt(later(MONDAY, 12 * MINUTE));
    await second.runAt(later(MONDAY, 2 * HOUR));
    expect(second.calls).toEqual([]);
    expect(log.log.find("warn", "never confirmed")).toMatchObject([
      { channel: "C0GENERAL", slot: MONDAY, claimedBy: "bot-1" },
    ]);
    expect((await stored(store)).digests).toMatchObject([
      {
        channel: "C0GENERAL",
        slot: MONDAY,
        claimedBy: "bot-1",
        status: "failed",
        error: "claimed but never confirmed posted",
        postedAt: null,
      },
    ]);

    // The channel is not paused: next week's digest goes out.
    await second.runAt(NEXT_MONDAY);
    expect(second.calls.map((c) => c.at)).toEqual([NEXT_MONDAY]);
  });
});

describe("failed posts", () => {
  it("transient failures, and rejections that are not a PostFailure, are retried with backoff, then the digest is posted", async () => {
    const store = await storeWith([subscription()]);
    const failures = [new PostFailure("internal_error", false), new Error("socket hang up")];
    const b = await bot(store, {
      respond: async (_call, index) => {
        const failure = failures[index];
        if (failure) throw failure;
        return { ts: "1700000000.000300" };
      },
    });
    const report = await b.runAt(MONDAY);
    expect(b.calls).toHaveLength(3);
    expect(b.waits).toEqual([1000, 5000]);
    expect(report.posted).toEqual([{ channel: "C0GENERAL", slot: MONDAY, late: false }]);
    expect(report.failed).toEqual([]);
    expect(b.log.find("warn", "retrying")).toMatchObject([
      { channel: "C0GENERAL", code: "internal_error" },
      { channel: "C0GENERAL", code: "socket hang up" },
    ]);
    const data = await stored(store);
    expect(data.digests).toMatchObject([{ status: "posted", ts: "1700000000.000300" }]);
    expect(data.subscriptions[0]?.paused).toBeNull();
  });

  it("only the poster's word makes a failure permanent: an error merely named like a permanent one is retried", async () => {
    const store = await storeWith([subscription()]);
    const b = await bot(store, {
      respond: async (_call, index) => {
        if (index === 0) throw new Error("not_in_channel");
        return { ts: "1700000000.000500" };
      },
    });
    const report = await b.runAt(MONDAY);
    expect(b.waits).toEqual([1000]);
    expect(report.posted).toEqual([{ channel: "C0GENERAL", slot: MONDAY, late: false }]);
    expect((await stored(store)).subscriptions[0]?.paused).toBeNull();
  });

  it("a transient error that outlasts the retries fails that digest, logged with its channel, without pausing the subscription", async () => {
    const store = await storeWith([subscription()]);
    let down = true;
    const b = await bot(store, {
      respond: async () => {
        if (down) throw new PostFailure("service_unavailable", false);
        return { ts: "1700000000.000400" };
      },
    });
    const report = await b.runAt(MONDAY);
    expect(b.waits).toEqual([1000, 5000, 30_000]);
    expect(b.calls).toHaveLength(4);
    expect(report.failed).toEqual([
      { channel: "C0GENERAL", slot: MONDAY, error: "service_unavailable", paused: false },
    ]);
    expect(b.log.find("error", "")).toMatchObject([{ channel: "C0GENERAL", code: "service_unavailable" }]);
    const data = await stored(store);
    expect(data.digests).toMatchObject([{ status: "failed", error: "service_unavailable" }]);
    expect(data.subscriptions[0]?.paused).toBeNull();

    down = false;
    await b.runAt(NEXT_MONDAY);
    expect(b.calls.at(-1)?.at).toBe(NEXT_MONDAY);
  });

  it.each(["channel_not_found", "not_in_channel", "is_archived"])(
    "a permanent error (%s) is not retried: it pauses the subscription, persisted, logged with the channel, and later runs do not post there",
    async (code) => {
      const store = await storeWith([subscription(), subscription({ channel: "C0OTHER" })]);
      const b = await bot(store, {
        respond: async (call, index) => {
          if (call.channel === "C0GENERAL") throw new PostFailure(code, true);
          return { ts: `1700000000.00000${index}` };
        },
      });
      const report = await b.runAt(MONDAY);
      expect(b.calls.filter((c) => c.channel === "C0GENERAL")).toHaveLength(1);
      expect(b.waits).toEqual([]);
      expect(report.failed).toEqual([{ channel: "C0GENERAL", slot: MONDAY, error: code, paused: true }]);
      expect(b.log.find("error", "")).toMatchObject([{ channel: "C0GENERAL", code, paused: true }]);

      // Persisted: a fresh read of the store shows the pause and why.
      const data = await stored(store);
      expect(data.subscriptions.find((s) => s.channel === "C0GENERAL")?.paused).toEqual({
        reason: code,
        at: MONDAY,
      });
      expect(data.subscriptions.find((s) => s.channel === "C0OTHER")?.paused).toBeNull();

      // Later runs, by this bot or a restarted one, post to the other channel only.
      const restarted = await bot(store, { instance: "bot-2" });
      for (const instant of [later(MONDAY, HOUR), NEXT_MONDAY, "2026-12-07T09:00:00.000Z"]) {
        await restarted.runAt(instant);
      }
      expect(restarted.calls.map((c) => [c.channel, c.at])).toEqual([
        ["C0OTHER", NEXT_MONDAY],
        ["C0OTHER", "2026-12-07T09:00:00.000Z"],
      ]);
    },
  );
});

describe("a week with nothing new", () => {
  const afterAPost = { lastSlot: LAST_MONDAY, lastPostedAt: LAST_MONDAY };

  it("posts a short digest that says nothing changed", async () => {
    const store = await storeWith([subscription(afterAPost)]);
    const b = await bot(store);
    await b.runAt(MONDAY);
    expect(b.calls).toHaveLength(1);
    expect(b.calls[0]?.digest).toMatchObject({ unchanged: true, newLetters: [], since: LAST_MONDAY });
  });

  it("a week with a newly ingested letter is not unchanged", async () => {
    const store = await storeWith([subscription(afterAPost)]);
    await updateStore(store, (data) => {
      for (const entry of data.ingested) if (entry.id === "bury/2020") entry.at = "2026-11-18T10:00:00.000Z";
      return { changed: true, result: undefined };
    });
    const b = await bot(store);
    await b.runAt(MONDAY);
    expect(b.calls[0]?.digest).toMatchObject({
      unchanged: false,
      newLetters: [{ id: "bury/2020", shortName: "Bury", year: 2020, change: "added" }],
    });
  });

  it("in a quiet subscription posts nothing, recorded as skipped", async () => {
    const store = await storeWith([subscription({ ...afterAPost, quiet: true })]);
    const b = await bot(store);
    const report = await b.runAt(MONDAY);
    expect(b.calls).toEqual([]);
    expect(report.skipped).toEqual([{ channel: "C0GENERAL", slots: [MONDAY], why: "quiet" }]);
    const data = await stored(store);
    expect(data.digests).toMatchObject([{ channel: "C0GENERAL", slot: MONDAY, status: "skipped" }]);
    // "What is new" still counts from the last digest actually posted.
    expect(data.subscriptions[0]).toMatchObject({ lastSlot: MONDAY, lastPostedAt: LAST_MONDAY });

    await b.runAt(later(MONDAY, HOUR));
    expect(b.calls).toEqual([]);
    // A letter arrives during the week: the quiet channel hears about it the next Monday.
    await updateStore(store, (data) => {
      for (const entry of data.ingested)
        if (entry.id === "sefton/2020") entry.at = "2026-11-25T10:00:00.000Z";
      return { changed: true, result: undefined };
    });
    await b.runAt(NEXT_MONDAY);
    expect(b.calls.map((c) => c.at)).toEqual([NEXT_MONDAY]);
    expect(b.calls[0]?.digest).toMatchObject({ unchanged: false, newLetters: [{ id: "sefton/2020" }] });
  });
});

describe("a watch list", () => {
  it("the digest covers only the watched councils", async () => {
    const watched = ["Bury Metropolitan Borough Council", "Sefton Metropolitan Borough Council"];
    const store = await storeWith([
      subscription({ channel: "C0WATCH", councils: watched }),
      subscription({ channel: "C0ALL" }),
    ]);
    const b = await bot(store);
    await b.runAt(MONDAY);
    const digest = (channel: string) => b.calls.find((c) => c.channel === channel)?.digest;
    expect(digest("C0WATCH")?.watchList).toEqual(watched);
    expect(
      digest("C0WATCH")
        ?.councils.map((c) => c.name)
        .sort(),
    ).toEqual(watched);
    expect(digest("C0WATCH")?.counts.councils).toBe(2);
    expect(
      digest("C0WATCH")
        ?.newLetters.map((l) => l.id)
        .sort(),
    ).toEqual(["bury/2020", "sefton/2020"]);
    expect(digest("C0ALL")?.councils).toHaveLength(5);
  });
});
