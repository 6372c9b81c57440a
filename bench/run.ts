// npm run bench [-- --check]: every benchmark's figures beside their targets; --check exits 1 when one is missed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchAnswers } from "./answers.ts";
import { benchDigest } from "./digest.ts";
import { type Figure, met, renderFigure } from "./figure.ts";
import { benchLetters } from "./letters.ts";
import { benchSlack } from "./slack.ts";

const check = process.argv.includes("--check");
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
  show(await benchLetters(dir, store));
  show(await benchAnswers(store));
  show(await benchDigest(store));
  show(await benchSlack(store));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const passed = figures.filter(met).length;
process.stdout.write(`${passed} of ${figures.length} targets met\n`);
if (check && passed < figures.length) process.exitCode = 1;
