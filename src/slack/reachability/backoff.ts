/**
 * How long to wait between attempts to reach Slack: doubling from `firstMs` up to `maxMs`. Capped, so that an
 * outage of hours is noticed to be over within `maxMs` of its end; doubling, so that a bot that cannot reach Slack
 * does not knock on its door every second. Tests pass milliseconds.
 */
export interface BackoffTimings {
  firstMs: number;
  maxMs: number;
}

export const BACKOFF: BackoffTimings = { firstMs: 1_000, maxMs: 120_000 };

export interface Backoff {
  /** The wait before the next attempt, and the one after it doubled. */
  next(): number;
  /** After a success: the next failure waits `firstMs` again. */
  reset(): void;
}

export function backoff(timings: BackoffTimings): Backoff {
  let wait = timings.firstMs;
  return {
    next() {
      const now = wait;
      wait = Math.min(wait * 2, timings.maxMs);
      return Math.min(now, timings.maxMs);
    },
    reset() {
      wait = timings.firstMs;
    },
  };
}

/** Waits `ms`, or less if `signal` aborts (the bot is stopping); never rejects. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
