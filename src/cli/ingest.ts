import { displayPath } from "../letters/read.ts";
import { ingestPaths } from "../store/ingest.ts";
import { renderFailure, renderIngest } from "./render.ts";

/** `ombuds ingest`: a summary on stdout, each failure (file and reason) on stderr; 1 when any file failed. */
export async function runIngest(
  paths: string[],
  storeFile: string,
  options: { json: boolean },
): Promise<number> {
  const report = await ingestPaths(storeFile, paths);
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify({ ...report, failed: report.failed.map((e) => e.toJSON()) }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${renderIngest(report, displayPath(storeFile))}\n`);
  }
  if (report.failed.length > 0) process.stderr.write(`${report.failed.map(renderFailure).join("\n")}\n`);
  return report.failed.length > 0 ? 1 : 0;
}
