import { existsSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openStore } from "../../src/answers/open-store.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { type Scheduler, startScheduler } from "../../src/digest/scheduler.ts";
import { localAnswerer } from "../../src/slack/answerer/answerer.ts";
import type { Subscription } from "../../src/store/schema.ts";
import { updateStore } from "../../src/store/store.ts";
import { fakePost, type LogLines, logged, type Post, storeWith, subscription } from "./support.ts";

/**
 * The scheduler under fake timers: `setTimeout` and the scheduler's clock are the test's, the store's file system is
 * real. Only the timers are faked (not `setImmediate`), so the test can let real I/O finish between timers. `Date`
 * itself stays real: the scheduler, the store and the fake post read the fake timers' time through `clock`, and a
 * faked `Date` would put every date-fns step of the time-zone maths through the fake (a third of the week-long test).
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
});

/** The fake timers' time. */
const clock = (): Date => vi.getMockedSystemTime() ?? new Date(Number.NaN);

const running: Scheduler[] = [];
afterEach(async () => {
  for (const scheduler of running.splice(0)) await scheduler.stop();
  vi.useRealTimers();
});

/**
 * A scheduler over `storeFile`, started at `startAt`, posting through a fake `post` that records the instant of
 * each call. `advanceTo(instant)` moves the clock there, firing every timer on the way, one at a time: after each
 * it waits until the scheduler has finished its work (real file I/O included) and set its next timer, so the
 * clock never moves while a run is under way, and each post is recorded at the instant the scheduler woke.
 */
async function startAt(
  storeFile: string,
  startAt: string,
  respond?: Parameters<typeof fakePost>[1],
  maxWaitMs?: number,
): Promise<{ calls: Post[]; log: LogLines; advanceTo(iso: string): Promise<void>; stop(): Promise<void> }> {
  vi.setSystemTime(new Date(startAt));
  const answerer = localAnswerer(
    await openStore(storeFile, { now: () => clock().getTime() }),
    loadAuthorities(),
  );
  const { post, calls } = fakePost(clock, respond);
  const { log, logger } = logged();
  const scheduler = startScheduler({
    store: answerer,
    storeFile,
    compose: (subscription, now) => answerer.digest(subscription.channel, now, subscription),
    post,
    logger,
    now: clock,
    instance: "bot-1",
    ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
  });
  running.push(scheduler);
  let stopped = false;

  /**
   * The scheduler is between wakes: its timer is set (besides `others`, the test's own), and the store is not
   * locked. Its timer is set only when a wake has finished; the store's lock keeps a timer of its own while held
   * (and its folder exists), so a count of one with no lock folder is the scheduler's timer.
   */
  const idle = async (others: number) => {
    const expected = others + (stopped ? 0 : 1);
    // Real time (the fake timers leave performance alone): a loaded machine takes longer, not more turns.
    const started = performance.now();
    for (;;) {
      if (vi.getTimerCount() === expected && !existsSync(`${storeFile}.lock`)) return;
      if (performance.now() - started > 20_000) throw new Error("the scheduler did not settle");
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await idle(0);

  return {
    calls,
    log,
    async advanceTo(iso: string) {
      const target = Date.parse(iso);
      expect(target).toBeGreaterThan(clock().getTime());
      let reached = false;
      setTimeout(() => {
        reached = true;
      }, target - clock().getTime());
      while (!reached) {
        vi.advanceTimersToNextTimer();
        await idle(reached ? 0 : 1);
      }
      expect(clock().getTime()).toBe(target);
    },
    async stop() {
      stopped = true;
      await scheduler.stop();
    },
  };
}

const posts = (calls: Post[]) => calls.map((c) => [c.channel, c.at]);

describe("the digest scheduler", () => {
  it("started on a Sunday evening, posts at Monday 09:00 London exactly once", async () => {
    const store = await storeWith([subscription()]);
    const bot = await startAt(store, "2026-11-22T20:00:00.000Z");

    await bot.advanceTo("2026-11-23T08:59:59.000Z");
    expect(bot.calls).toEqual([]);
    await bot.advanceTo("2026-11-23T12:00:00.000Z");
    expect(posts(bot.calls)).toEqual([["C0GENERAL", "2026-11-23T09:00:00.000Z"]]);
  });

  it("wakes within 60 seconds of a new subscription being written to the store, and posts it at its slot", async () => {
    // No subscriptions yet: the scheduler sleeps a minute at a time, waking at 17 seconds past each minute.
    const store = await storeWith([]);
    const bot = await startAt(store, "2026-11-23T11:50:17.000Z");
    await bot.advanceTo("2026-11-23T12:00:20.000Z");

    const written = clock().getTime();
    const added: Subscription = subscription({
      channel: "C0NEW",
      time: "12:01",
      createdAt: new Date(written).toISOString(),
    });
    await updateStore(store, (data) => {
      data.subscriptions.push(added);
      return { changed: true, result: undefined };
    });

    await bot.advanceTo("2026-11-23T12:30:00.000Z");
    expect(bot.calls.map((c) => c.channel)).toEqual(["C0NEW"]);
    const postedAt = Date.parse(bot.calls[0]?.at ?? "");
    expect(postedAt).toBeGreaterThanOrEqual(Date.parse("2026-11-23T12:01:00.000Z"));
    expect(postedAt - written).toBeLessThanOrEqual(60 * SECOND);
  });

  it("keeps posting weekly at Monday 09:00 London across the change from BST (25 October 2026)", async () => {
    // One scheduler, running the whole week: Monday 19 October is in BST (08:00Z), Monday 26 October in GMT (09:00Z).
    // Waking at least hourly rather than each minute (a week is 168 wakes, not 10,080): the slots are what it aims at.
    const store = await storeWith([subscription({ createdAt: "2026-10-16T10:00:00.000Z" })]);
    const bot = await startAt(store, "2026-10-19T07:59:00.000Z", undefined, 60 * 60 * SECOND);
    await bot.advanceTo("2026-10-19T09:00:00.000Z");
    expect(posts(bot.calls)).toEqual([["C0GENERAL", "2026-10-19T08:00:00.000Z"]]);
    await bot.advanceTo("2026-10-26T09:00:30.000Z");
    expect(posts(bot.calls)).toEqual([
      ["C0GENERAL", "2026-10-19T08:00:00.000Z"],
      ["C0GENERAL", "2026-10-26T09:00:00.000Z"],
    ]);
  });

  it("on start, posts at once a digest missed while it was down by less than 24 hours, marked late", async () => {
    const store = await storeWith([subscription()]); // made Friday 20 November; first slot Monday 23rd, 09:00Z
    const bot = await startAt(store, "2026-11-24T08:00:00.000Z");
    expect(posts(bot.calls)).toEqual([["C0GENERAL", "2026-11-24T08:00:00.000Z"]]);
    expect(bot.log.find("info", "digest posted")).toMatchObject([{ channel: "C0GENERAL", late: true }]);
    await bot.advanceTo("2026-11-24T12:00:00.000Z");
    expect(bot.calls).toHaveLength(1);
  });

  it("on start, skips a digest missed by more than 24 hours and logs it, never posting it", async () => {
    const store = await storeWith([subscription()]);
    const bot = await startAt(store, "2026-11-24T09:30:00.000Z");
    expect(bot.log.find("warn", "missed")).toMatchObject([
      { channel: "C0GENERAL", slots: ["2026-11-23T09:00:00.000Z"] },
    ]);
    await bot.advanceTo("2026-11-24T12:00:00.000Z");
    expect(bot.calls).toEqual([]);
  });

  it("stop() stops it: no posts after", async () => {
    const store = await storeWith([subscription()]);
    const bot = await startAt(store, "2026-11-23T08:55:00.000Z");
    await bot.advanceTo("2026-11-23T09:30:00.000Z");
    expect(bot.calls).toHaveLength(1);

    await bot.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(14 * 24 * 60 * MINUTE);
    expect(bot.calls).toHaveLength(1);
  });

  it("stop() during a post waits for that run to finish, and nothing is scheduled after it", async () => {
    const store = await storeWith([subscription()]);
    let finish: (value: { ts: string }) => void = () => {};
    const bot = await startAt(
      store,
      "2026-11-23T08:59:00.000Z",
      () => new Promise((resolve) => (finish = resolve)),
    );
    vi.advanceTimersToNextTimer(); // 09:00: the run claims the slot and calls `post`, which hangs
    await expect.poll(() => bot.calls.length, { interval: 0 }).toBe(1);

    let done = false;
    const stopping = bot.stop().then(() => {
      done = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    finish({ ts: "1700000000.000100" });
    await stopping;
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(14 * 24 * 60 * MINUTE);
    expect(bot.calls).toHaveLength(1);
  });
});
