import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadAuthorities } from "../src/authorities/index.ts";
import { parseLetter } from "../src/letters/parse.ts";
import { consoleAnswer, consoleEnv } from "./console.ts";
import { generateCorpus } from "./corpus.ts";
import type { Figure } from "./figure.ts";

const run = promisify(execFile);
const LETTERS = 10_000;

async function child<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", script, ...args], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as T;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Only the 10,000-letter store the later benchmarks use, untimed (for `--only`). */
export async function buildStore(dir: string, store: string): Promise<void> {
  generateCorpus(LETTERS, loadAuthorities().all, 2020, join(dir, "letters"));
  const ingest = await child<{ added: number; firstFailure?: string }>("bench/child/ingest.ts", [
    store,
    join(dir, "letters"),
  ]);
  if (ingest.added !== LETTERS)
    throw new Error(`ingest added ${ingest.added} of ${LETTERS}: ${ingest.firstFailure}`);
}

/**
 * Issue 3's figures: parse throughput, a full ingest into a fresh store, loading that store, peak memory; issue 15's
 * start-up over an unchanged folder against an empty one. Leaves the 10,000-letter store at `store` for the
 * benchmarks after it.
 */
export async function benchLetters(dir: string, store: string): Promise<Figure[]> {
  const authorities = loadAuthorities();
  {
    const corpus = generateCorpus(LETTERS, authorities.all, 2020, join(dir, "letters"));

    // Parse throughput on one core: from the files' bytes (decoding included, as ingest does), in memory, no I/O,
    // after a warm-up; best of three passes (noise only slows).
    const bytes = corpus.texts.map((text) => Buffer.from(text, "utf8"));
    for (const file of bytes.slice(0, 1000)) parseLetter(file, "warm-up.txt", { authorities });
    const rates: number[] = [];
    let failed = 0;
    for (let pass = 0; pass < 3; pass++) {
      const started = performance.now();
      for (const file of bytes) if (!parseLetter(file, "bench.txt", { authorities }).ok) failed++;
      rates.push(bytes.length / ((performance.now() - started) / 1000));
    }
    if (failed > 0) throw new Error(`${failed / 3} generated letters failed to parse`);

    // A full ingest of the files into a fresh store, in its own process: time from start to exit, and peak memory.
    const started = performance.now();
    const ingest = await child<{
      ms: number;
      maxRssMb: number;
      added: number;
      failed: number;
      firstFailure?: string;
    }>("bench/child/ingest.ts", [store, join(dir, "letters")]);
    const ingestSeconds = (performance.now() - started) / 1000;
    if (ingest.added !== LETTERS)
      throw new Error(`ingest added ${ingest.added} of ${LETTERS}: ${ingest.firstFailure}`);

    // Loading that store in a cold process, as the bot does at start, against reading the same file and running
    // JSON.parse over it in a cold process: interleaved, median of five each.
    const loads: { ms: number; letters: number; maxRssMb: number }[] = [];
    const parses: { ms: number }[] = [];
    for (let i = 0; i < 5; i++) {
      loads.push(await child("bench/child/load.ts", [store]));
      parses.push(await child("bench/child/json.ts", [store]));
    }

    // Start-up as `npm start` does it with no Slack tokens, to its console's prompt: over the folder ingested
    // already, against over an empty folder, the store the same. Whole processes (start-up is one), interleaved,
    // median of five each. The first start of each builds the bundles if needed and warms the page cache.
    const empty = join(dir, "no-letters");
    mkdirSync(empty, { recursive: true });
    const again: number[] = [];
    const none: number[] = [];
    const ready = "Local console:";
    await consoleAnswer(consoleEnv(store, join(dir, "letters")), ready);
    await consoleAnswer(consoleEnv(store, empty), ready);
    for (let i = 0; i < 5; i++) {
      again.push(await consoleAnswer(consoleEnv(store, join(dir, "letters")), ready));
      none.push(await consoleAnswer(consoleEnv(store, empty), ready));
    }
    const ms = (values: number[]) => median(values).toFixed(0);

    return [
      {
        name: "parse throughput, one core",
        value: Math.max(...rates),
        unit: "letters/s",
        target: 5000,
        kind: "min",
      },
      {
        name: `ingest ${LETTERS.toLocaleString("en-GB")} letters (whole process)`,
        value: ingestSeconds,
        unit: "s",
        target: 5,
        kind: "max",
        digits: 2,
      },
      {
        name: `load the ${LETTERS.toLocaleString("en-GB")}-letter store ÷ JSON.parse of it (${ms(loads.map((l) => l.ms))} / ${ms(parses.map((p) => p.ms))} ms)`,
        value: median(loads.map((l) => l.ms)) / median(parses.map((p) => p.ms)),
        unit: "×",
        target: 1.2,
        kind: "max",
        digits: 2,
      },
      {
        name: `start-up, unchanged ÷ empty folder (${ms(again)} / ${ms(none)} ms)`,
        value: median(again) / median(none),
        unit: "×",
        target: 1.2,
        kind: "max",
        digits: 2,
      },
      {
        name: "peak memory (ingest, load)",
        value: Math.max(ingest.maxRssMb, ...loads.map((l) => l.maxRssMb)),
        unit: "MB",
        target: 300,
        kind: "max",
      },
    ];
  }
}
