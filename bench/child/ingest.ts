// Runs in its own process so its peak memory and time are the ingest's alone.
import { ingestPaths } from "../../src/store/ingest.ts";

const [store, corpus] = process.argv.slice(2) as [string, string];
const started = performance.now();
const report = await ingestPaths(store, [corpus]);
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    added: report.added.length,
    failed: report.failed.length,
    firstFailure: report.failed[0]?.message,
  }),
);
