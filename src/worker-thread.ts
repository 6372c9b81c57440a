import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** A folder of bundles (bin/bundle.js) that threads started from the sources run from instead; see `runThreadsFrom`. */
let bundles: URL | null = null;

/**
 * Threads started from the sources run their entries from `folder`'s bundles, built from the same sources, rather
 * than through tsx: tsx resolves and loads each of a thread's modules through its hooks, about a second of CPU a
 * thread, while a bundle loads in tens of milliseconds. The tests set it once (test/setup/), as their threads
 * would otherwise be a third of the suite's time; `null` goes back to the sources.
 */
export function runThreadsFrom(folder: string | null): void {
  bundles = folder === null ? null : pathToFileURL(`${folder}/`);
}

/**
 * A worker thread running one of the program's entries. From the bundle that bin/ombuds.js builds, the entry is a
 * bundle of its own beside the program's (`bundled`, named as in bin/bundle.js); from the sources (tests, tsx) it
 * is the TypeScript file (`source`, relative to `here`, the caller's `import.meta.url`), loaded through tsx's API,
 * since a worker does not inherit its parent's loader.
 */
export function workerThread(
  here: string,
  entry: { bundled: string; source: string },
  options: WorkerOptions = {},
): Worker {
  if (!here.endsWith(".ts")) return new Worker(new URL(entry.bundled, here), options);
  if (bundles !== null) return new Worker(new URL(entry.bundled, bundles), options);
  const source = JSON.stringify(new URL(entry.source, here).href);
  const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  return new Worker(`import(${api}).then(({ tsImport }) => tsImport(${source}, ${source}))`, {
    ...options,
    eval: true,
  });
}
