// The baseline for the store load: a cold process reading the same file and running JSON.parse over it, nothing else.
import { readFile } from "node:fs/promises";

const [store] = process.argv.slice(2) as [string];
const started = performance.now();
const data = JSON.parse(await readFile(store, "utf8")) as { letters: unknown[] };
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({ ms, letters: data.letters.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
