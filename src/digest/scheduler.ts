import type { Library } from "../library.ts";
import { dueFor, nextPost, type RunDeps, runDueDigests } from "./run.ts";

/** Checked at least this often, so a subscription made or changed meanwhile is picked up within a minute. */
const MAX_WAIT_MS = 60_000;

export interface Scheduler {
  /** Resolves when any run under way has finished. */
  stop(): Promise<void>;
}

/**
 * Posts digests as their slots come round. It wakes at the next slot of any subscription (or within a minute), and
 * only when the subscriptions it holds in memory say one is due does it take the store's lock and run: nothing
 * heavy happens between slots. On start it runs at once, which posts a digest missed while the bot was down (if
 * less than a day late).
 */
export function startScheduler(deps: RunDeps & { library: Library }): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const due = () => {
    const now = deps.now();
    return deps.library.subscriptions().some((s) => !s.paused && dueFor(s, now).kind !== "wait");
  };

  const wake = () => {
    if (stopped) return;
    const now = deps.now();
    const next = deps.library
      .subscriptions()
      .filter((s) => !s.paused)
      .map((s) => nextPost(s, now).getTime() - now.getTime());
    const wait = Math.max(250, Math.min(MAX_WAIT_MS, ...next));
    timer = setTimeout(tick, wait);
  };

  const tick = () => {
    running = (async () => {
      try {
        await deps.library.refresh();
        if (due()) await runDueDigests(deps);
        await deps.library.refresh();
      } catch (err) {
        deps.logger.error({ err }, "digest run failed; trying again at the next wake");
      }
    })().finally(wake);
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
