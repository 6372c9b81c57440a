// npm run bench [-- --check] [--only letters|answers|digest|slack|socket|flood|pdf|parse|console]: every benchmark's figures beside their
// targets; --check exits 1 when one is missed; --only runs one benchmark (on the same 10,000-letter store, built
// untimed, for those that use it).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchAnswers } from "./answers.ts";
import { benchConsole } from "./console.ts";
import { benchDigest } from "./digest.ts";
import { type Figure, met, renderFigure } from "./figure.ts";
import { benchFlood } from "./flood.ts";
import { benchLetters, buildStore } from "./letters.ts";
import { benchParse } from "./parse.ts";
import { benchPdf } from "./pdf.ts";
import { benchSlack } from "./slack.ts";
import { benchSocket } from "./socket.ts";

const check = process.argv.includes("--check");
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
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
if (only !== undefined && !(BENCHES as readonly string[]).includes(only)) {
  process.stderr.write(`--only: expected one of ${BENCHES.join(", ")}, got ${only ?? "nothing"}\n`);
  process.exit(2);
}
const runs = (name: (typeof BENCHES)[number]) => only === undefined || only === name;
const dir = mkdtempSync(join(tmpdir(), "ombuds-bench-"));
const store = join(dir, "db.json");
const figures: Figure[] = [];
const show = (list: Figure[]) => {
  for (const figure of list) {
    figures.push(figure);
    process.stdout.write(`${renderFigure(figure)}\n`);
  }
};
try {
  // The letters benchmark builds the 10,000-letter store that the later ones use.
  if (runs("letters")) show(await benchLetters(dir, store));
  else if (runs("answers") || runs("digest") || runs("slack") || runs("socket") || runs("flood"))
    await buildStore(dir, store);
  if (runs("answers")) show(await benchAnswers(store));
  if (runs("digest")) show(await benchDigest(store));
  if (runs("slack")) show(await benchSlack(store));
  if (runs("socket")) show(await benchSocket(store));
  if (runs("flood")) show(await benchFlood(store));
  if (runs("pdf")) show(await benchPdf(dir));
  if (runs("parse")) show(await benchParse(dir));
  if (runs("console")) show(await benchConsole(dir));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const targeted = figures.filter((f) => f.target !== null);
const passed = targeted.filter(met).length;
process.stdout.write(`${passed} of ${targeted.length} targets met\n`);
if (check && passed < targeted.length) process.exitCode = 1;
