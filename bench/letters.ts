import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { loadAuthorities } from "../src/authorities/index.ts";
import { consoleAnswer, consoleEnv } from "./console.ts";
import { generateCorpus } from "./corpus.ts";
import { atSize, type Figure, median } from "./figure.ts";

const run = promisify(execFile);
/** Cold processes of each kind whose median is taken. */
const RUNS = 5;

async function child<T>(script: string, args: string[]): Promise<T> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", script, ...args], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout) as T;
}

interface Ingested {
  ms: number;
  maxRssMb: number;
  added: number;
  failed: number;
  firstFailure?: string;
}

async function ingest(store: string, letters: string, count: number): Promise<Ingested> {
  const result = await child<Ingested>("bench/child/ingest.ts", [store, letters]);
  if (result.added !== count)
    throw new Error(`ingest added ${result.added} of ${count}: ${result.firstFailure}`);
  return result;
}

/** Only the store of `count` letters the later benchmarks use, untimed (for `--only`). */
export async function buildStore(dir: string, store: string, count: number): Promise<void> {
  generateCorpus(count, loadAuthorities().all, 2020, join(dir, "letters"));
  await ingest(store, join(dir, "letters"), count);
}

/**
 * The store's figures at one size: a full ingest of `count` generated letter files into a fresh store against
 * reading the same files and writing the same records; loading that store against `JSON.parse` of it; start-up
 * over the unchanged folder against over an empty one; the peak memory of the ingest and of the load against that
 * of `JSON.parse`. Every figure is a ratio of two measurements of the same run; the absolute ones are in the names
 * and in the growth table. Leaves the store at `store` for the benchmarks after it.
 */
export async function benchLetters(dir: string, store: string, count: number): Promise<Figure[]> {
  const letters = join(dir, "letters");
  generateCorpus(count, loadAuthorities().all, 2020, letters);
  const size = atSize(count);

  // The ingest into a fresh store, in a process of its own (the ms it reports are the ingest's alone), once: it
  // builds the store. Then its baseline, reading the files and writing that store's records, median of five.
  const ingested = await ingest(store, letters, count);
  const copies: { ms: number }[] = [];
  for (let i = 0; i < RUNS; i++)
    copies.push(await child("bench/child/copy.ts", [store, letters, join(dir, "copy.json")]));

  // Loading that store in a cold process, as the bot does at start, against reading the same file and running
  // JSON.parse over it in a cold process: interleaved, median of five each.
  const loads: { ms: number; letters: number; maxRssMb: number }[] = [];
  const parses: { ms: number; maxRssMb: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
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
  await consoleAnswer(consoleEnv(store, letters), ready);
  await consoleAnswer(consoleEnv(store, empty), ready);
  for (let i = 0; i < RUNS; i++) {
    again.push(await consoleAnswer(consoleEnv(store, letters), ready));
    none.push(await consoleAnswer(consoleEnv(store, empty), ready));
  }

  const copy = median(copies.map((c) => c.ms));
  const load = median(loads.map((l) => l.ms));
  const parse = median(parses.map((p) => p.ms));
  const parsePeak = median(parses.map((p) => p.maxRssMb));
  const loadPeak = median(loads.map((l) => l.maxRssMb));
  const ms = (value: number) => value.toFixed(0);
  return [
    {
      name: `${size} ingest ÷ read + write of the records (${ms(ingested.ms)} / ${ms(copy)} ms)`,
      value: ingested.ms / copy,
      unit: "×",
      target: 6,
      kind: "max",
      digits: 2,
      growth: { series: "ingest", letters: count, absolute: ingested.ms, unit: "ms" },
    },
    {
      name: `${size} load ÷ JSON.parse of the store (${ms(load)} / ${ms(parse)} ms)`,
      value: load / parse,
      unit: "×",
      target: 1.2,
      kind: "max",
      digits: 2,
      growth: { series: "load", letters: count, absolute: load, unit: "ms" },
    },
    {
      name: `${size} start-up, unchanged ÷ empty folder (${ms(median(again))} / ${ms(median(none))} ms)`,
      value: median(again) / median(none),
      unit: "×",
      target: 1.2,
      kind: "max",
      digits: 2,
      growth: { series: "start-up, unchanged folder", letters: count, absolute: median(again), unit: "ms" },
    },
    {
      name: `${size} ingest's peak memory ÷ JSON.parse's (${ms(ingested.maxRssMb)} / ${ms(parsePeak)} MB)`,
      value: ingested.maxRssMb / parsePeak,
      unit: "×",
      target: 2.5,
      kind: "max",
      digits: 2,
      growth: { series: "ingest's peak memory", letters: count, absolute: ingested.maxRssMb, unit: "MB" },
    },
    {
      name: `${size} load's peak memory ÷ JSON.parse's (${ms(loadPeak)} / ${ms(parsePeak)} MB)`,
      value: loadPeak / parsePeak,
      unit: "×",
      // A copy of the letters (zod's parse) would make it 2×; the code the load brings (zod, the store's modules,
      // some 17 MB) is what a small store shows over JSON.parse alone.
      target: 1.3,
      kind: "max",
      digits: 2,
      growth: { series: "load's peak memory", letters: count, absolute: loadPeak, unit: "MB" },
    },
  ];
}
