// Runs in its own process so its peak memory and time are the ingest's alone. With "--load", the store is then
// loaded as start-up loads it for answering, and `ms` covers both.
import { ingestPaths } from "../../src/store/ingest.ts";
import { readStore } from "../../src/store/store.ts";

const [store, corpus, flag] = process.argv.slice(2) as [string, string, string | undefined];
const started = performance.now();
const report = await ingestPaths(store, [corpus]);
if (flag === "--load") await readStore(store);
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    added: report.added.length,
    unchanged: report.unchanged.length,
    failed: report.failed.length,
    firstFailure: report.failed[0]?.message,
  }),
);
