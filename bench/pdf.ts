import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { type Authority, existedIn, loadAuthorities, slug } from "../src/authorities/index.ts";
import { documentOptions, loadPdfJs } from "../src/letters/pdf.ts";
import { readLetterFile } from "../src/letters/read.ts";
import { randomSpec, seeded, writeLetter } from "../testkit/letters.ts";
import { letterPdf } from "../testkit/pdf.ts";
import type { Figure } from "./figure.ts";

const run = promisify(execFile);
/** A year's release: every council's letter for 2024 (317 councils). */
const YEAR = 2024;
/** The letters timed against pdf.js alone, and the rounds (each times both, in alternating order). */
const TIMED = 60;
const ROUNDS = 5;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** One PDF letter per council that existed in `year`, as the Ombudsman sends them, written to `dir`. */
async function writePdfLetters(dir: string, authorities: readonly Authority[], year: number) {
  mkdirSync(dir, { recursive: true });
  const random = seeded(year);
  const files: string[] = [];
  let pages = 0;
  for (const authority of authorities) {
    if (!existedIn(authority, year)) continue;
    const spec = randomSpec(random, authorities, { authority, year });
    // The PDF makes its own page breaks, headers and footers; the text converter's versions of them are off.
    spec.layout = { ...spec.layout, pageBreaks: false, furniture: false };
    const pdf = await letterPdf(writeLetter(spec));
    const file = join(dir, `${slug(authority.shortName)}.pdf`);
    writeFileSync(file, pdf.bytes);
    files.push(file);
    pages += pdf.pages;
  }
  return { files, pages: pages / files.length };
}

/** pdf.js's text extraction alone, as src/letters/pdf.ts runs it: open, every page's text content, close. */
async function extractOnly(lib: Awaited<ReturnType<typeof loadPdfJs>>, bytes: Uint8Array): Promise<number> {
  const task = lib.getDocument(documentOptions(lib, new Uint8Array(bytes)));
  const document = await task.promise;
  let items = 0;
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    items += (await page.getTextContent()).items.length;
    page.cleanup();
  }
  await task.destroy();
  return items;
}

/**
 * Issue 10's PDF figures: reading a PDF letter into a record costs at most 1.5× what pdf.js's text extraction alone
 * costs on the same files (measured in one run, in alternating rounds, medians); and a year's release of PDF letters
 * ingests in one `ombuds ingest <folder>` command, a whole process from start to exit, in at most twice what pdf.js's
 * extraction alone takes over the same number of letters (the process, the bundles, the checks and the store's
 * write are what it adds).
 */
export async function benchPdf(dir: string): Promise<Figure[]> {
  const index = loadAuthorities();
  const authorities = index.all;
  const folder = join(dir, "pdf", String(YEAR));
  const release = await writePdfLetters(folder, authorities, YEAR);
  const timed = release.files.slice(0, TIMED);
  const bytes = timed.map((file) => new Uint8Array(readFileSync(file)));

  const lib = await loadPdfJs();
  const pdfjsAlone = async () => {
    const started = performance.now();
    for (const file of bytes) await extractOnly(lib, file);
    return performance.now() - started;
  };
  const toRecord = async () => {
    const started = performance.now();
    for (const file of timed) {
      const result = await readLetterFile(file, { authorities: index });
      if (!result.ok) throw new Error(`${file} did not parse: ${result.error.message}`);
    }
    return performance.now() - started;
  };
  // Warm-up, then rounds that alternate which goes first.
  await pdfjsAlone();
  await toRecord();
  const alone: number[] = [];
  const full: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      alone.push(await pdfjsAlone());
      full.push(await toRecord());
    } else {
      full.push(await toRecord());
      alone.push(await pdfjsAlone());
    }
  }

  // The whole release in one command, as a user would run it, into a fresh store.
  const store = join(dir, "pdf-db.json");
  const started = performance.now();
  const { stdout, stderr } = await run(
    process.execPath,
    [resolve("bin/ombuds.js"), "ingest", folder, "--json"],
    { env: { ...process.env, OMBUDS_DB: store }, maxBuffer: 16 << 20 },
  );
  const seconds = (performance.now() - started) / 1000;
  const report = JSON.parse(stdout) as { added: string[]; failed: unknown[] };
  if (report.added.length !== release.files.length || report.failed.length > 0) {
    throw new Error(
      `ombuds ingest added ${report.added.length} of ${release.files.length} PDFs: ${stderr.slice(0, 500)}`,
    );
  }
  const perLetter = median(alone) / timed.length;
  process.stderr.write(
    `pdf: ${release.files.length} letters of ${release.pages.toFixed(1)} pages on average; pdf.js alone ` +
      `${perLetter.toFixed(1)} ms a letter, PDF to record ${(median(full) / timed.length).toFixed(1)} ms; ` +
      `${stderr.split("\n").filter((line) => line.startsWith("read ")).length} progress lines from ombuds ingest\n`,
  );
  return [
    {
      name: "PDF to record ÷ pdf.js text extraction",
      value: median(full) / median(alone),
      unit: "×",
      target: 1.5,
      kind: "max",
      digits: 2,
    },
    {
      name: `ombuds ingest of ${release.files.length} PDF letters (a year) ÷ pdf.js alone on them (${seconds.toFixed(1)} / ${((perLetter * release.files.length) / 1000).toFixed(1)} s)`,
      value: (seconds * 1000) / (perLetter * release.files.length),
      unit: "×",
      target: 2,
      kind: "max",
      digits: 2,
    },
  ];
}
