import { displayPath } from "../letters/read.ts";
import { ingestPaths } from "../store/ingest.ts";
import type { Io } from "./io.ts";
import { renderFailure, renderIngest, renderKept } from "./render.ts";

/** Ingests of more files than this say how far they have got (a year's release of PDFs takes a while). */
const PROGRESS_FROM = 50;

/**
 * A progress reporter for `parseFiles`: for more than 50 files, a line ("read 120 of 320 files") at most once a
 * second, none at the end (the summary follows). Quiet for the few files of everyday use and of tests.
 */
export function progressLine(
  write: (line: string) => void,
  now: () => number = Date.now,
): (done: number, total: number) => void {
  let last = now();
  return (done, total) => {
    if (total <= PROGRESS_FROM || done >= total) return;
    const at = now();
    if (at - last < 1000) return;
    last = at;
    write(`read ${done} of ${total} files\n`);
  };
}

/**
 * `ombuds ingest`: a summary on stdout (each updated letter with what changed), each failure and each file not
 * stored because the stored letter has more figures on stderr; 1 when any file failed or was not stored.
 * `replace`: store such files anyway.
 */
export async function runIngest(
  paths: string[],
  storeFile: string,
  options: { json: boolean; replace?: boolean },
  io: Pick<Io, "stdout" | "stderr">,
): Promise<number> {
  const report = await ingestPaths(storeFile, paths, {
    replace: Boolean(options.replace),
    onProgress: progressLine((line) => io.stderr.write(line)),
  });
  if (options.json) {
    io.stdout.write(
      `${JSON.stringify({ ...report, failed: report.failed.map((e) => e.toJSON()) }, null, 2)}\n`,
    );
  } else {
    io.stdout.write(`${renderIngest(report, displayPath(storeFile))}\n`);
  }
  const problems = [...report.failed.map(renderFailure), ...report.kept.map(renderKept)];
  if (problems.length > 0) io.stderr.write(`${problems.join("\n")}\n`);
  return problems.length > 0 ? 1 : 0;
}
