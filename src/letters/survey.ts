import { statSync } from "node:fs";
import { workerThread } from "../worker-thread.ts";
import { type Found, surveyLetterFiles } from "./files.ts";

/**
 * From this store file size (about 5,000 letters) start-up surveys the letters folder in a thread of its own while
 * it reads the store. Reading a 32,000-letter store takes the main thread ~0.5 s and walking and stat'ing its
 * 32,000 files ~0.35 s more; side by side, on a second core, the walk is hidden. Below it the store reads in less
 * time than a thread takes to start, and the folder is surveyed after, in the caller's thread.
 */
const THREAD_FROM_BYTES = 8 * 1024 * 1024;

/**
 * The letter files under `paths` with their sizes and times (`surveyLetterFiles`), for comparing with `storeFile`'s
 * records once it is read. Call it before reading the store and await what it returns after: for a large store the
 * survey has been running meanwhile, in a thread.
 */
export function surveyBeside(paths: readonly string[], storeFile: string): () => Promise<Found[]> {
  const size = statSync(storeFile, { throwIfNoEntry: false })?.size ?? 0;
  if (size < THREAD_FROM_BYTES) return () => surveyLetterFiles(paths);
  const found = surveyInThread(paths).catch(() => surveyLetterFiles(paths));
  return () => found;
}

/** What the survey thread posts: each file's path, and its size, time and kind as three numbers (NaN: no stat). */
export interface Surveyed {
  files: string[];
  numbers: Float64Array;
}

export function packSurvey(found: readonly Found[]): Surveyed {
  const numbers = new Float64Array(found.length * 3);
  found.forEach(({ stat }, i) => {
    numbers[i * 3] = stat ? stat.size : Number.NaN;
    numbers[i * 3 + 1] = stat ? stat.mtimeMs : Number.NaN;
    numbers[i * 3 + 2] = stat?.isFile ? 1 : 0;
  });
  return { files: found.map((f) => f.file), numbers };
}

function unpackSurvey({ files, numbers }: Surveyed): Found[] {
  return files.map((file, i) => {
    const size = numbers[i * 3] as number;
    return {
      file,
      stat: Number.isNaN(size)
        ? null
        : { size, mtimeMs: numbers[i * 3 + 1] as number, isFile: numbers[i * 3 + 2] === 1 },
    };
  });
}

/**
 * `surveyLetterFiles` in a thread (survey-thread.ts; its own small bundle beside the program's: workerThread).
 * Rejects if the thread cannot start or fails; the caller surveys in its own thread then.
 */
export function surveyInThread(paths: readonly string[]): Promise<Found[]> {
  const worker = workerThread(
    import.meta.url,
    { bundled: "./survey.mjs", source: "./survey-thread.ts" },
    { workerData: { paths: [...paths] } },
  );
  return new Promise((resolve, reject) => {
    worker.once("message", (surveyed: Surveyed | { error: string }) => {
      if ("error" in surveyed) reject(new Error(surveyed.error));
      else resolve(unpackSurvey(surveyed));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the survey thread exited (${code}) without a survey`)));
  });
}
