import type { Subscription } from "../store/schema.ts";
import { dueFor, nextPost, type RunDeps, runDueDigests } from "./run.ts";

/** Checked at least this often, so a subscription made or changed meanwhile is picked up within a minute. */
const MAX_WAIT_MS = 60_000;

export interface Scheduler {
  /** Resolves when any run under way has finished. */
  stop(): Promise<void>;
}

/** Where the scheduler reads subscriptions from (the answerer, which holds the store). */
export interface Subscriptions {
  /** The subscriptions as last read from the store. */
  subscriptions(): Promise<readonly Subscription[]>;
  /** Read the store again if it changed on disk. */
  refresh(): Promise<void>;
}

/**
 * Posts digests as their slots come round. It wakes at the next slot of any subscription (or within a minute), and
 * only when the subscriptions it holds in memory say one is due does it take the store's lock and run: nothing
 * heavy happens between slots. On start it runs at once, which posts a digest missed while the bot was down (if
 * less than a day late).
 */
export function startScheduler(
  deps: RunDeps & {
    store: Subscriptions;
    /** How long it sleeps at most (a minute); a test running a week of it sets an hour, so a week is 168 wakes. */
    maxWaitMs?: number;
  },
): Scheduler {
  const maxWait = deps.maxWaitMs ?? MAX_WAIT_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const due = (subscriptions: readonly Subscription[], now: Date) =>
    subscriptions.some((s) => !s.paused && dueFor(s, now).kind !== "wait");

  /** Milliseconds to the next slot of any subscription, within [250 ms, a minute (`maxWait`)]. */
  const untilNext = (subscriptions: readonly Subscription[], now: Date) => {
    const next = subscriptions
      .filter((s) => !s.paused)
      .map((s) => nextPost(s, now).getTime() - now.getTime());
    return Math.max(250, Math.min(maxWait, ...next));
  };

  const tick = () => {
    running = (async () => {
      let wait = maxWait;
      try {
        await deps.store.refresh();
        if (due(await deps.store.subscriptions(), deps.now())) await runDueDigests(deps);
        await deps.store.refresh();
        wait = untilNext(await deps.store.subscriptions(), deps.now());
      } catch (err) {
        deps.logger.error({ err }, "digest run failed; trying again at the next wake");
      }
      if (!stopped) timer = setTimeout(tick, wait);
    })();
  };

  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
