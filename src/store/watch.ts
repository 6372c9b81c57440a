import { existsSync } from "node:fs";
import { extname, relative, sep } from "node:path";
import { type FSWatcher, watch } from "chokidar";
import { LETTER_EXTENSIONS } from "../letters/files.ts";

/**
 * The letters folder, watched while the bot runs (docs/watching.md): letter files added or changed there are handed
 * on in batches, for the same ingest as `ombuds ingest`. What was in the folder when watching began is not reported:
 * the start-up ingest read it.
 */

export interface WatchOptions {
  /**
   * How long a file's size and modification time must stay the same before it is reported (chokidar's
   * `awaitWriteFinish`): a letter being copied or saved in pieces is read once, whole, not half-way.
   */
  stabilityMs?: number;
  /** How often a file still being written is looked at again. */
  pollMs?: number;
  /** Files reported within this long of each other make one batch (a folder of letters copied in). */
  debounceMs?: number;
  /** A batch is handed on at the latest this long after its first file, even while more keep coming. */
  maxWaitMs?: number;
  /**
   * Nothing is handed on before this resolves (files reported meanwhile wait, and go in the first batch): the bot
   * watches from before its start-up ingest, so that no file written while it starts is missed, and handles
   * batches once it is up.
   */
  holdUntil?: Promise<unknown>;
  /** A failure of the watch itself or of a batch's handler; watching goes on. */
  onError?: (error: unknown) => void;
}

export interface LetterWatch {
  /**
   * Resolves once the folder has been scanned: from then on, every letter file added or changed is reported. (Also
   * when watching failed before that, which `onError` is told.)
   */
  readonly ready: Promise<void>;
  /**
   * Stop watching. Resolves when a batch being handled has finished; files waiting for a batch are dropped (the
   * next start-up ingest reads them).
   */
  close(): Promise<void>;
}

export const WATCH_TIMINGS = { stabilityMs: 1000, pollMs: 100, debounceMs: 300, maxWaitMs: 10_000 } as const;

/** Why a folder cannot be watched; `watchLetters` is not started for it. */
export class WatchRefused extends Error {
  constructor(
    readonly folder: string,
    readonly reason: string,
  ) {
    super(`${folder}: ${reason}`);
    this.name = "WatchRefused";
  }
}

/**
 * Watch `folder` (and the folders in it) for letter files (.txt, .md, .pdf) added or changed, and hand each batch to
 * `onBatch`, one batch at a time: files reported while a batch is handled make the next. Files and folders whose
 * names start with "." are left out, as the ingest's walk leaves them out (an editor's swap files among them); a
 * deleted file is not reported, since deleting a letter file never removes a stored letter.
 */
export function watchLetters(
  folder: string,
  onBatch: (files: string[]) => Promise<void>,
  options: WatchOptions = {},
): LetterWatch | WatchRefused {
  // chokidar watching a folder that is not there reports nothing, even once it is made: better said at start.
  if (!existsSync(folder)) return new WatchRefused(folder, "does not exist, so it is not watched");
  const timings = { ...WATCH_TIMINGS, ...options };
  const reportError = options.onError ?? (() => {});
  const hidden = (path: string) =>
    relative(folder, path)
      .split(sep)
      .some((part) => part.startsWith("."));
  const watcher: FSWatcher = watch(folder, {
    ignoreInitial: true,
    awaitWriteFinish: { stabilityThreshold: timings.stabilityMs, pollInterval: timings.pollMs },
    ignored: (path, stats) =>
      hidden(path) || (stats?.isFile() === true && !LETTER_EXTENSIONS.includes(extname(path).toLowerCase())),
  });

  let pending = new Set<string>();
  let firstPendingAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let closed = false;
  let held = options.holdUntil !== undefined;
  let closing: Promise<void> | undefined;

  const flush = () => {
    timer = undefined;
    if (closed || held || pending.size === 0) return;
    // One batch at a time: the next is handed on when this one is done.
    if (running) return;
    const files = [...pending].sort();
    pending = new Set();
    running = onBatch(files)
      .catch(reportError)
      .finally(() => {
        running = null;
        if (pending.size > 0) schedule();
      });
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    const left = timings.maxWaitMs - (Date.now() - firstPendingAt);
    timer = setTimeout(flush, Math.max(0, Math.min(timings.debounceMs, left)));
  };
  const changed = (path: string) => {
    if (closed || !LETTER_EXTENSIONS.includes(extname(path).toLowerCase())) return;
    if (pending.size === 0) firstPendingAt = Date.now();
    pending.add(path);
    if (!running && !held) schedule();
  };
  options.holdUntil?.then(
    () => {
      held = false;
      if (pending.size > 0 && !running) schedule();
    },
    () => {},
  );
  watcher.on("add", changed);
  watcher.on("change", changed);
  watcher.on("error", reportError);
  // An error before the first scan is done (reported above) settles it too: the bot's start never waits on a watch.
  const ready = new Promise<void>((resolve) => {
    watcher.once("ready", () => resolve());
    watcher.once("error", () => resolve());
  });

  return {
    ready,
    close() {
      closing ??= (async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        pending.clear();
        await watcher.close();
        await running;
      })();
      return closing;
    },
  };
}
