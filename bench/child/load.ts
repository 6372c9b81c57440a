// A cold process loading the store, as the bot does when it starts.
import { readStore } from "../../src/store/store.ts";

const [store] = process.argv.slice(2) as [string];
const started = performance.now();
const { data } = await readStore(store);
const ms = performance.now() - started;
process.stdout.write(
  JSON.stringify({ ms, letters: data.letters.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
