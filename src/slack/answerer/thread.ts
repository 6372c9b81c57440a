import { statSync } from "node:fs";
import type { ResourceLimits, Worker } from "node:worker_threads";
import type { Logger } from "../../log.ts";
import { StoreError } from "../../store/store.ts";
import { workerThread } from "../../worker-thread.ts";
import type { Answerer } from "./answerer.ts";
import type { Call, ErrorData, IngestSummary, Reply } from "./protocol.ts";

export interface ThreadOptions {
  storeFile: string;
  logger: Logger;
  /** The answering thread's heap; by default sized from the store file (see `limitsFor`). */
  resourceLimits?: ResourceLimits;
  /** Letter files and folders to check against the store once it is loaded (start-up's folder): see `stale`. */
  check?: string[];
}

/**
 * The answering thread's heap. A store's letters take about 1.4 times the file's size once loaded, and reading a
 * changed store holds the old letters, the new file's text and the new letters at once: some 6 times the file at the
 * peak. Eight times the file, and never less than 96 MB, leaves room for that and for answers; the young generation
 * is kept small, since the thread's objects are either the long-lived letters or one answer's short-lived ones.
 *
 * V8's heap flags are the process's, and win over these: under `npm start` (`--max-semi-space-size=1
 * --max-old-space-size=160`) every thread has the flags' sizes, which the answering thread's store (read a line at a
 * time: read-shared.ts) fits at 32,000 letters. These limits hold where the program runs without those flags.
 */
export function limitsFor(storeFile: string): ResourceLimits {
  let megabytes = 0;
  try {
    megabytes = statSync(storeFile).size / 1_000_000;
  } catch {
    // No store yet: it starts empty.
  }
  return { maxOldGenerationSizeMb: Math.max(96, Math.ceil(megabytes * 8)), maxYoungGenerationSizeMb: 4 };
}

/** The start-up ingest parses every letter file at once: a generous heap, returned when its thread ends. */
const INGEST_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024 };

/** A call that fails because the thread stopped under it (it is started again for the next call). */
export class AnswererStopped extends Error {
  constructor(code: number) {
    super(`the answering thread stopped (exit code ${code}) before it replied`);
    this.name = "AnswererStopped";
  }
}

function revive(data: ErrorData): Error {
  const error =
    data.name === "StoreError" && data.file !== undefined && data.reason !== undefined
      ? new StoreError(data.file, data.reason)
      : Object.assign(new Error(data.message), { name: data.name });
  if (data.stack) error.stack = data.stack;
  return error;
}

/** A thread running worker.ts (the answering thread, or the start-up ingest's). */
function thread(
  workerData: { storeFile: string; ingest?: string[]; check?: string[] },
  resourceLimits: ResourceLimits,
): Worker {
  return workerThread(
    import.meta.url,
    { bundled: "./answerer.mjs", source: "./worker.ts" },
    { workerData, resourceLimits },
  );
}

/**
 * `npm start`'s ingest of the letters folder, in a thread of its own: parsing a large folder needs a large heap for
 * a moment, and a thread's heap is given back when it ends, where the main thread's would stay grown for good.
 */
export function ingestInThread(storeFile: string, paths: string[]): Promise<IngestSummary> {
  return new Promise((resolve, reject) => {
    const worker = thread({ storeFile, ingest: paths }, INGEST_LIMITS);
    worker.on("message", (reply: Reply) => {
      if (reply.type === "ingested") resolve(reply.summary);
      if (reply.type === "failed") reject(revive(reply.error));
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`the ingest thread stopped (exit code ${code})`)));
  });
}

/**
 * The answerer in a worker thread of its own, which loads the store and keeps it (the main thread holds none of
 * it). Resolves once the store is loaded; rejects with the store's error if it cannot be. If the thread dies (out
 * of memory, a bug), the calls it held fail with `AnswererStopped`, the log says so, and the next call starts a
 * new thread.
 */
export async function startAnswererThread(options: ThreadOptions): Promise<
  Answerer & {
    /** Letters held when the thread started. */
    letters: number;
    /** Of the files `options.check` names, how many the store has no current record of (see `staleOf`). */
    stale: number;
  }
> {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let ids = 0;
  let closing = false;
  let current: Promise<Worker> | null = null;
  let letters = 0;
  let stale = 0;
  // Only the first thread checks the folder: one started again after a failure has no start-up to do.
  let check = options.check;

  const spawn = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = thread(
        { storeFile: options.storeFile, ...(check ? { check } : {}) },
        options.resourceLimits ?? limitsFor(options.storeFile),
      );
      check = undefined;
      let ready = false;
      worker.on("message", (reply: Reply) => {
        switch (reply.type) {
          case "ready":
            ready = true;
            letters = reply.letters;
            stale = reply.stale;
            resolve(worker);
            return;
          case "failed":
            reject(revive(reply.error));
            return;
          case "log":
            options.logger.error({ err: revive(reply.error) }, reply.msg);
            return;
          case "result": {
            const call = pending.get(reply.id);
            pending.delete(reply.id);
            if (reply.ok) call?.resolve(reply.value);
            else call?.reject(revive(reply.error));
            return;
          }
        }
      });
      worker.on("error", (error) => {
        if (!ready) reject(error);
        else options.logger.error({ err: error }, "the answering thread failed");
      });
      worker.on("exit", (code) => {
        current = null;
        if (!ready) reject(new AnswererStopped(code));
        for (const call of pending.values()) call.reject(new AnswererStopped(code));
        pending.clear();
        if (ready && !closing)
          options.logger.error({ code }, "the answering thread stopped; the next call starts another");
      });
    });

  const call = async <T>(message: Call): Promise<T> => {
    if (closing) throw new Error("the answerer is closed");
    current ??= spawn();
    const worker = await current;
    const id = ++ids;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...message, id });
    });
  };

  current = spawn();
  await current;
  return {
    letters,
    stale,
    answer: (question, { share, now }) => call({ kind: "answer", question, share, now }),
    respond: (question, target) => call({ kind: "respond", question, target }),
    share: (shown, question, target) => call({ kind: "share", shown, question, target }),
    home: (user) => call({ kind: "home", user }),
    digest: (channel, now, subscription) =>
      call({ kind: "digest", channel, now, ...(subscription ? { subscription } : {}) }),
    subscriptions: () => call({ kind: "subscriptions" }),
    refresh: () => call({ kind: "refresh" }),
    async close() {
      closing = true;
      const worker = await current?.catch(() => null);
      await worker?.terminate();
    },
  };
}
