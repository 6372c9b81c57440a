import { Worker, type WorkerOptions } from "node:worker_threads";

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
  const source = JSON.stringify(new URL(entry.source, here).href);
  const api = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  return new Worker(`import(${api}).then(({ tsImport }) => tsImport(${source}, ${source}))`, {
    ...options,
    eval: true,
  });
}
