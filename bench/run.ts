// npm run bench [-- --check] [--only letters|answers|digest|slack|socket|flood|pdf|parse|console]
//   [--sizes 1000,10000,32000]
// Every benchmark's figures beside their targets, then how the size-dependent ones grow with the store. The
// figures that depend on the store's size (letters, answers, slack, socket) are measured at each size; digest and
// flood at 10,000 letters (or the size nearest it); pdf, parse and console do not use the store. --check exits 1
// when a target is missed; --only runs one benchmark (over stores built untimed, for those that use one). See
// docs/benchmarks.md for what each figure measures.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchAnswers } from "./answers.ts";
import { benchConsole } from "./console.ts";
import { benchDigest } from "./digest.ts";
import { type Figure, met, renderFigure, renderGrowth } from "./figure.ts";
import { benchFlood } from "./flood.ts";
import { benchLetters, buildStore } from "./letters.ts";
import { benchParse } from "./parse.ts";
import { benchPdf } from "./pdf.ts";
import { benchSlack } from "./slack.ts";
import { benchSocket } from "./socket.ts";

const BENCHES = [
  "letters",
  "answers",
  "digest",
  "slack",
  "socket",
  "flood",
  "pdf",
  "parse",
  "console",
] as const;
type Bench = (typeof BENCHES)[number];
/**
 * The store sizes: a council's own few years and more, a large shared store, and the largest the reference list
 * allows within the schema's years (2000–2100: 32,817 council-years, so 40,000 distinct letters cannot exist).
 */
const SIZES = [1_000, 10_000, 32_000];

function options(): { check: boolean; only: Bench | undefined; sizes: number[] } {
  try {
    const { values } = parseArgs({
      options: {
        check: { type: "boolean", default: false },
        only: { type: "string" },
        sizes: { type: "string" },
      },
    });
    const only = values.only;
    if (only !== undefined && !(BENCHES as readonly string[]).includes(only))
      throw new Error(`--only: expected one of ${BENCHES.join(", ")}, got ${only}`);
    const sizes = values.sizes === undefined ? SIZES : values.sizes.split(",").map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 100 || n > 32_817))
      throw new Error(
        `--sizes: expected letters counts from 100 to 32,817, comma-separated, got ${values.sizes}`,
      );
    return { check: values.check ?? false, only: only as Bench | undefined, sizes };
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}

const { check, only, sizes } = options();
const runs = (name: Bench) => only === undefined || only === name;
const dir = mkdtempSync(join(tmpdir(), "ombuds-bench-"));
const figures: Figure[] = [];
const show = (list: Figure[]) => {
  for (const figure of list) {
    figures.push(figure);
    process.stdout.write(`${renderFigure(figure)}\n`);
  }
};
try {
  const usesStore = (["letters", "answers", "slack", "socket", "digest", "flood"] as const).some(runs);
  // Digest and flood are about the channels and the requests, not the store: measured over one store.
  const middle = sizes.reduce((a, b) => (Math.abs(b - 10_000) < Math.abs(a - 10_000) ? b : a));
  for (const letters of usesStore ? sizes : []) {
    const at = join(dir, String(letters));
    mkdirSync(at, { recursive: true });
    const store = join(at, "db.json");
    // The letters benchmark builds the store the later ones use, timing the ingest.
    if (runs("letters")) show(await benchLetters(at, store, letters));
    else if (runs("answers") || runs("slack") || runs("socket") || letters === middle)
      await buildStore(at, store, letters);
    if (runs("answers")) show(await benchAnswers(store, letters));
    if (runs("slack")) show(await benchSlack(store, letters));
    if (runs("socket")) show(await benchSocket(store, letters));
    if (letters === middle) {
      if (runs("digest")) show(await benchDigest(store, letters));
      if (runs("flood")) show(await benchFlood(store, letters));
    }
    rmSync(at, { recursive: true, force: true });
  }
  if (runs("pdf")) show(await benchPdf(dir));
  if (runs("parse")) show(await benchParse(dir));
  if (runs("console")) show(await benchConsole(dir));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
for (const line of renderGrowth(figures)) process.stdout.write(`${line}\n`);
const targeted = figures.filter((f) => f.target !== null);
const passed = targeted.filter(met).length;
process.stdout.write(`${passed} of ${targeted.length} targets met\n`);
if (check && passed < targeted.length) process.exitCode = 1;
