import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { progressLine } from "../../src/cli/ingest.ts";
import {
  extractPdfText,
  type Letter,
  type ParseResult,
  parseLetter,
  readLetterFile,
  withAverageWarnings,
} from "../../src/letters/index.ts";
import { randomSpec, seeded, writeLetter, YEARS } from "../../testkit/letters.ts";
import { type LetterPdf, letterPdf, type PdfLayout, scannedPdf } from "../../testkit/pdf.ts";
import { tempDir } from "../support/tmp.ts";

/**
 * Letters that arrive as PDFs are read by extracting their text (src/letters/pdf.ts) and parsing it as a text
 * letter. Each letter here is laid out as a real letter PDF (test/support/pdf.ts: A4, Helvetica, wrapped lines,
 * pages that break mid-sentence, a header and a footer on every page, the statistics on a page of their own), and
 * must give exactly the record its text gives, except `source`.
 */

const SAMPLES = ["bath-and-north-east-somerset", "bromsgrove", "bury", "sefton", "stockport"] as const;
const TEXT = Object.fromEntries(
  SAMPLES.map((name) => [name, readFileSync(`data/letters/2020/${name}.txt`, "utf8")]),
) as Record<(typeof SAMPLES)[number], string>;

/** Page layouts the generated letters cycle through, so page breaks fall in different places. */
const LAYOUTS: Partial<PdfLayout>[] = [
  {},
  { fontSize: 10, lineHeight: 1.15 },
  { fontSize: 12, margins: { top: 100, right: 60, bottom: 90, left: 60 } },
  { fontSize: 11.5, lineHeight: 1.3, pageNumbers: false },
];

/** What a parse gave, `source` aside (the file's name and hash are the only things that depend on its bytes). */
function content(result: ParseResult<Letter>): unknown {
  if (!result.ok) return { field: result.error.field, reason: result.error.reason };
  const { source: _source, ...rest } = result.value;
  return rest;
}

async function readPdf(pdf: LetterPdf, name = "letter.pdf"): Promise<ParseResult<Letter>> {
  const file = join(tempDir(), name);
  writeFileSync(file, pdf.bytes);
  return readLetterFile(file);
}

/** The failure reading `bytes` as `name` gives. */
async function failure(bytes: Uint8Array, name = "letter.pdf") {
  const result = await readPdf({ bytes, pages: 0, wrapped: 0, breaks: [] }, name);
  if (result.ok) throw new Error(`${name} parsed, but should not have`);
  return result.error;
}

// Nothing pdf.js does may reach the console (`ombuds parse --json` writes records to stdout).
const consoleCalls: unknown[][] = [];
const spies = (["log", "warn", "error", "info", "debug"] as const).map((method) =>
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    consoleCalls.push([method, ...args]);
  }),
);
afterAll(() => {
  for (const spy of spies) spy.mockRestore();
});

interface Generated {
  label: string;
  text: string;
  pdf: LetterPdf;
}

const sample: Record<string, LetterPdf> = {};
const generated: Generated[] = [];

beforeAll(async () => {
  for (const name of SAMPLES) sample[name] = await letterPdf(TEXT[name]);
  // Every year's layout the generator offers, a few letters each; the text's own page-break artefacts are off, as
  // the PDF makes real page breaks and headers.
  const authorities = loadAuthorities().all;
  let n = 0;
  for (const year of YEARS) {
    for (const seed of [1, 2, 3]) {
      const spec = randomSpec(seeded(year * 10 + seed), authorities, { year });
      spec.layout = { ...spec.layout, pageBreaks: false, furniture: false };
      const text = writeLetter(spec);
      const layout = LAYOUTS[n++ % LAYOUTS.length] as Partial<PdfLayout>;
      generated.push({
        label: `${year} #${seed} (${spec.authority.shortName})`,
        text,
        pdf: await letterPdf(text, layout),
      });
    }
  }
}, 60_000);

describe("PDF letters: the same record as the text", () => {
  for (const name of SAMPLES) {
    it(`${name}: its letter as a PDF parses (readLetterFile) to the record of its text`, async () => {
      const pdf = sample[name] as LetterPdf;
      // Bath's letter has no statistics, so two pages; the others three or four.
      expect(pdf.pages).toBeGreaterThanOrEqual(name === "bath-and-north-east-somerset" ? 2 : 3);
      const fromPdf = await readPdf(pdf, `${name}.pdf`);
      expect(content(fromPdf)).toEqual(content(parseLetter(TEXT[name], `${name}.txt`)));
      // The record's source is the PDF file, hashed as its bytes (not as the text taken from it).
      if (!fromPdf.ok) throw fromPdf.error;
      expect(fromPdf.value.source.file).toMatch(new RegExp(`${name}\\.pdf$`));
      expect(fromPdf.value.source.sha256).toBe(createHash("sha256").update(pdf.bytes).digest("hex"));
    });
  }

  it("`ombuds parse --json` on a folder of the five PDFs prints the records of their texts", async () => {
    const dir = tempDir();
    for (const name of SAMPLES) writeFileSync(join(dir, `${name}.pdf`), (sample[name] as LetterPdf).bytes);
    const stdout = await new Promise<string>((done, fail) => {
      execFile(process.execPath, [resolve("bin/ombuds.js"), "parse", dir, "--json"], (error, out, err) =>
        error ? fail(new Error(`${error.message}\n${err}`)) : done(out),
      );
    });
    const fromPdf = (JSON.parse(stdout) as Letter[]).map((letter) => content({ ok: true, value: letter }));
    const letters = SAMPLES.map((name) => {
      const result = parseLetter(TEXT[name], `${name}.txt`);
      if (!result.ok) throw result.error;
      return result.value;
    });
    const fromText = withAverageWarnings(letters, letters).map((letter) =>
      content({ ok: true, value: letter }),
    );
    expect(fromPdf).toEqual(fromText);
  });

  it("generated letters of every year's layout, as PDFs, parse to the records of their texts", async () => {
    expect(generated.length).toBe(YEARS.length * 3);
    for (const { label, text, pdf } of generated) {
      const extracted = await extractPdfText(pdf.bytes, "letter.pdf");
      if (typeof extracted !== "string") throw extracted;
      expect(content(parseLetter(extracted, "letter.pdf")), label).toEqual(
        content(parseLetter(text, "letter.txt")),
      );
    }
  });

  it("the PDFs cover wrapped lines, page breaks mid-paragraph and mid-sentence (before a capital, too) and statistics on their own page", () => {
    const all = [...Object.values(sample), ...generated.map((g) => g.pdf)];
    const breaks = all.flatMap((pdf) => pdf.breaks);
    expect(all.every((pdf) => pdf.wrapped > 10)).toBe(true);
    // Breaks inside a wrapped line of the text: mid-sentence before a lower-case word and before a capital, and
    // between two sentences of a paragraph.
    const inLine = breaks.filter((b) => b.inLine);
    expect(inLine.some((b) => /[a-z,]$/.test(b.before) && /^[a-z]/.test(b.after))).toBe(true);
    expect(inLine.some((b) => /[a-z,]$/.test(b.before) && /^[A-Z]/.test(b.after))).toBe(true);
    expect(inLine.some((b) => /\.$/.test(b.before))).toBe(true);
    // And between two of the text's lines with no blank line between them, and between paragraphs.
    expect(breaks.some((b) => b.midParagraph && !b.inLine)).toBe(true);
    expect(breaks.some((b) => !b.midParagraph && b.after !== "Complaints upheld")).toBe(true);
    expect(breaks.filter((b) => b.after === "Complaints upheld").length).toBeGreaterThanOrEqual(4);
  });
});

describe("PDF text: lines, paragraphs, pages", () => {
  it("keeps a wrapped paragraph's lines as lines of one paragraph, a blank line between paragraphs", async () => {
    const text = await extractPdfText((sample.sefton as LetterPdf).bytes, "sefton.pdf");
    if (typeof text !== "string") throw text;
    const paragraphs = text.split("\n\n");
    const opening = paragraphs.find((p) => p.startsWith("I write to you with our annual summary")) ?? "";
    expect(opening.split("\n").length).toBeGreaterThan(4);
    expect(opening.replace(/\n/g, " ")).toBe(
      TEXT.sefton.split("\n").find((l) => l.startsWith("I write to you")),
    );
    // Lines the text keeps apart stay apart: the addressee block, and a count over its caption.
    expect(text).toContain("Mr Johnson\nChief Executive\nSefton Metropolitan Borough Council");
    expect(text).toContain("13\nupheld decisions");
    // Bold figures and underlined links are text like any other, spaced as printed.
    expect(text).toContain("This compares to an average of 67% in similar authorities.");
    expect(text).toContain("our interactive map, Your council's performance, along with");
  });

  it("drops the header and footer of every page: the ombudsman's heading line, 'Page N of M', the address", async () => {
    for (const name of SAMPLES) {
      const text = await extractPdfText((sample[name] as LetterPdf).bytes, `${name}.pdf`);
      if (typeof text !== "string") throw text;
      expect(text).not.toMatch(/Page \d+ of \d+/);
      expect(text).not.toContain("PO Box 4771");
      expect(text).not.toContain("Local Government & Social Care Ombudsman");
      // The letter's own heading, on page one under the header, stays.
      expect(text.startsWith("Local Government & Social Care OMBUDSMAN\n\n22 July 2020")).toBe(true);
    }
  });

  // A paragraph that ends on a page's last line, filling it, reads as one that runs on (the next page's first word
  // would not have fitted): the PDF cannot tell them apart, so only breaks after a line that is clearly short are
  // held to be paragraph breaks here.
  it("joins a paragraph that a page break cut (mid-sentence or between sentences); a page ending a paragraph short of the margin is a paragraph break", async () => {
    // The PDF prints a non-breaking space as a plain one.
    const plain = (line: string) => line.replace(/\u00a0/g, " ");
    let joined = 0;
    let split = 0;
    for (const pdf of [...Object.values(sample), ...generated.map((g) => g.pdf)]) {
      const text = await extractPdfText(pdf.bytes, "letter.pdf");
      for (const b of pdf.breaks) {
        if (b.inLine) {
          expect(text).toContain(`${plain(b.before)}\n${plain(b.after)}`);
          joined++;
        } else if (!b.midParagraph && b.fill < 0.8) {
          expect(text).toContain(`${plain(b.before)}\n\n${plain(b.after)}`);
          split++;
        }
      }
    }
    expect(joined).toBeGreaterThan(10);
    expect(split).toBeGreaterThan(10);
  });

  it("starts the statistics page with a paragraph of its own, after the signature", async () => {
    const text = await extractPdfText((sample.bury as LetterPdf).bytes, "bury.pdf");
    expect(text).toContain("Chair, Commission for Local Administration in England\n\nComplaints upheld\n\n");
  });

  it("reads the same record without headers, footers or page numbers, and with the statistics running on", async () => {
    const bare = { header: null, footer: null, pageNumbers: false, statisticsPage: false };
    for (const name of ["sefton", "stockport"] as const) {
      const result = await readPdf(await letterPdf(TEXT[name], bare), `${name}.pdf`);
      expect(content(result)).toEqual(content(parseLetter(TEXT[name], `${name}.txt`)));
    }
  });

  it("reads a PDF that is not named .pdf, by its first bytes", async () => {
    const result = await readPdf(sample.sefton as LetterPdf, "sefton-letter");
    expect(content(result)).toEqual(content(parseLetter(TEXT.sefton, "sefton.txt")));
  });
});

describe("PDFs that cannot be read", () => {
  it("an encrypted PDF (a password to open) says so", async () => {
    const pdf = await letterPdf(TEXT.sefton, { userPassword: "secret" });
    const error = await failure(pdf.bytes);
    expect(error.field).toBe("file");
    expect(error.reason).toMatch(/^is an encrypted PDF/);
  });

  it("a PDF encrypted with only an owner password (no copying) opens without one, and is read", async () => {
    const pdf = await letterPdf(TEXT.sefton, { ownerPassword: "owner" });
    expect(Buffer.from(pdf.bytes).includes("/Encrypt")).toBe(true);
    expect(content(await readPdf(pdf))).toEqual(content(parseLetter(TEXT.sefton, "sefton.txt")));
  });

  it("a scanned PDF, pages that are only images, has no text layer", async () => {
    const error = await failure(await scannedPdf(3));
    expect(error.reason).toMatch(/^has no text layer \(a scanned image\?\)/);
  });

  it("a truncated PDF (the first half of a letter's) is damaged or truncated; so is a body of garbage", async () => {
    const bytes = (sample.sefton as LetterPdf).bytes;
    expect((await failure(bytes.subarray(0, Math.floor(bytes.length / 2)))).reason).toMatch(
      /^is a damaged or truncated PDF/,
    );
    const garbage = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(5000), Buffer.from("\n%%EOF\n")]);
    expect((await failure(garbage)).reason).toMatch(/^is a damaged or truncated PDF/);
  });

  it("a file named .pdf that is not one (a text letter, random bytes, nothing) says it is not a PDF", async () => {
    for (const bytes of [Buffer.from(TEXT.sefton), randomBytes(4000), Buffer.alloc(0)]) {
      const error = await failure(bytes);
      expect(error.reason).toMatch(/^is not a PDF/);
    }
  });

  it("a PDF over 20 MB is refused by its size, before it is read; a text letter over 2 MB likewise", async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 32);
    big.write("%PDF-1.7\n");
    expect((await failure(big)).reason).toMatch(/^is 22,020,096 bytes; a PDF letter is at most 20,971,520$/);
    expect((await failure(big.subarray(0, 3 * 1024 * 1024), "big.txt")).reason).toMatch(
      /^is 3,145,728 bytes; a text letter is at most 2,097,152$/,
    );
  });

  it("every reason is short, whatever the file holds", async () => {
    const long = Buffer.concat([
      Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages "),
      Buffer.alloc(100_000, 65),
      Buffer.from("\n%%EOF"),
    ]);
    for (const bytes of [long, randomBytes(300)])
      expect((await failure(bytes)).reason.length).toBeLessThan(200);
  });

  it("pdf.js printed nothing to the console in all of the above", () => {
    expect(consoleCalls).toEqual([]);
  });
});

describe("ombuds ingest progress", () => {
  it("for more than 50 files, a line at most once a second and none at the end; nothing for 50 or fewer", () => {
    const lines: string[] = [];
    let clock = 0;
    const report = progressLine(
      (line) => lines.push(line),
      () => clock,
    );
    for (let done = 1; done <= 320; done++) {
      clock += 40; // 25 files a second
      report(done, 320);
    }
    expect(lines).toEqual(Array.from({ length: 12 }, (_, i) => `read ${(i + 1) * 25} of 320 files\n`));
    const few: string[] = [];
    const quiet = progressLine(
      (line) => few.push(line),
      () => clock,
    );
    for (let done = 1; done <= 50; done++) {
      clock += 5000;
      quiet(done, 50);
    }
    expect(few).toEqual([]);
  });
});
