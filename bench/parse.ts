import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAuthorities } from "../src/authorities/index.ts";
import { parseLetter } from "../src/letters/parse.ts";
import { randomSpec, seeded, writeLetter } from "../testkit/letters.ts";
import type { Figure } from "./figure.ts";

/** Letter files on disk, every year 2019–2025 and layout mixed, as a folder of converted letters would be. */
const LETTERS = 4000;
/** Rounds, each timing both sides; the order alternates so neither always runs on a warmer cache. */
const ROUNDS = 7;
/** What "one regex scan" looks for: every percentage, one global pass over the text. */
const ONE_SCAN = /\d+%/g;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Issue 10's figure: parsing a text letter costs at most 5× what reading the same file and running one regex over
 * its text costs. Both sides are measured in the same run on the same files, so the ratio holds whatever the
 * machine: "read + one scan" is `readFileSync(file, "utf8")` and one global regex pass; "text parse" is what ingest
 * does for a text file, `readFileSync` and `parseLetter` from the bytes (decoding, the hash and the record's
 * validation included) with one shared authorities index.
 */
export async function benchParse(dir: string): Promise<Figure[]> {
  const authorities = loadAuthorities();
  const folder = join(dir, "parse");
  mkdirSync(folder, { recursive: true });
  const random = seeded(10);
  const files: string[] = [];
  for (let i = 0; i < LETTERS; i++) {
    const file = join(folder, `${i}.txt`);
    writeFileSync(file, writeLetter(randomSpec(random, authorities.all)));
    files.push(file);
  }

  // Each side returns something that depends on every file, so that no work can be skipped.
  let found = 0;
  const readAndScan = () => {
    const started = performance.now();
    for (const file of files) found += readFileSync(file, "utf8").match(ONE_SCAN)?.length ?? 0;
    return performance.now() - started;
  };
  const textParse = () => {
    const started = performance.now();
    for (const file of files) {
      const result = parseLetter(readFileSync(file), file, { authorities });
      if (!result.ok) throw new Error(`${file} did not parse: ${result.error.message}`);
    }
    return performance.now() - started;
  };
  // Warm-up (the JIT, the page cache), then rounds that alternate which goes first.
  readAndScan();
  textParse();
  const scans: number[] = [];
  const parses: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      scans.push(readAndScan());
      parses.push(textParse());
    } else {
      parses.push(textParse());
      scans.push(readAndScan());
    }
  }
  if (found === 0) throw new Error("the scan found no percentages: the letters are not what they should be");

  const scan = median(scans);
  const parse = median(parses);
  const perLetter = (ms: number) => `${((1000 * ms) / files.length).toFixed(1)} µs a letter`;
  process.stderr.write(
    `parse: ${files.length} text letters; read + one regex scan ${scan.toFixed(0)} ms (${perLetter(scan)}), ` +
      `text parse ${parse.toFixed(0)} ms (${perLetter(parse)}); medians of ${ROUNDS} rounds\n`,
  );
  return [
    {
      name: "text parse ÷ (read + one regex scan)",
      value: parse / scan,
      unit: "×",
      target: 5,
      kind: "max",
      digits: 2,
    },
  ];
}
