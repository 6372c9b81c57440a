import { crc32, deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";

/**
 * Lays a letter's text out as the Ombudsman's PDFs are: A4 pages in Helvetica (pdfkit's built-in standard fonts,
 * no font files), long lines wrapped to the page width, pages that break wherever they fill (mid-paragraph,
 * mid-sentence), a header and a footer ("Page N of M" and an address line) on every page, and the statistics (from
 * the "Complaints upheld" after the signature to the end) on a page of their own. `**bold**` prints in bold, and
 * links (`[text](#)`, `<u>text</u>`) underlined, as in the real letters. Used by the PDF tests and the benchmark.
 */

export interface PdfLayout {
  /** Body text size in points. */
  fontSize: number;
  /** Baseline to baseline, as a multiple of the font size. */
  lineHeight: number;
  /** Points from the page's edges to the body text. */
  margins: { top: number; right: number; bottom: number; left: number };
  /** A line at the top of every page, or none. */
  header: string | null;
  /** The address line at the foot of every page, or none. */
  footer: string | null;
  /** "Page N of M" under the footer. */
  pageNumbers: boolean;
  /** Start the statistics section on a page of its own. */
  statisticsPage: boolean;
  /** Print `**bold**` in bold and links underlined (else the text's characters as they are). */
  markup: boolean;
  /** Encrypt it: a password is needed to open it. */
  userPassword: string | null;
  /** Encrypt it with only an owner password (permissions: no copying, no printing); anyone can open it. */
  ownerPassword: string | null;
}

export const LETTER_PDF: PdfLayout = {
  fontSize: 11,
  lineHeight: 1.2,
  margins: { top: 80, right: 72, bottom: 86, left: 72 },
  header: "Local Government & Social Care Ombudsman",
  footer: "PO Box 4771, Coventry CV4 0EH · www.lgo.org.uk · T: 0300 061 0614",
  pageNumbers: true,
  statisticsPage: true,
  markup: true,
  userPassword: null,
  ownerPassword: null,
};

/** Where one page ended and the next began. */
export interface PageBreak {
  /** The text of the page's last line and of the next page's first. */
  before: string;
  after: string;
  /** The break fell inside a paragraph (no blank line of the text there). */
  midParagraph: boolean;
  /** The break fell inside one of the text's lines: a wrapped line ran on to the next page. */
  inLine: boolean;
  /** How much of the text's width the page's last line fills (0–1). */
  fill: number;
}

export interface LetterPdf {
  bytes: Uint8Array;
  pages: number;
  /** How many of the text's lines were too long for the page and wrapped. */
  wrapped: number;
  breaks: PageBreak[];
}

const A4 = { width: 595.28, height: 841.89 };

interface Run {
  text: string;
  bold: boolean;
  underline: boolean;
}
/**
 * `continued`: the row goes on the text's line that the row before began (a wrapped line's later rows); `width`: how
 * much of the line's width it fills, in points.
 */
type Row =
  | { kind: "text"; runs: Run[]; plain: string; continued: boolean; width: number }
  | { kind: "gap" }
  | { kind: "page" };

/** A line's text as runs of one style: `**bold**`, `[link](#)` and `<u>link</u>` undone into bold and underline. */
function styled(line: string, markup: boolean): Run[] {
  if (!markup) return [{ text: line, bold: false, underline: false }];
  const runs: Run[] = [];
  const pattern = /\*\*(.+?)\*\*|\[([^\]]*)\]\([^)]*\)|<u>(.*?)<\/u>/g;
  let at = 0;
  for (const match of line.matchAll(pattern)) {
    if (match.index > at) runs.push({ text: line.slice(at, match.index), bold: false, underline: false });
    if (match[1] !== undefined) runs.push({ text: match[1], bold: true, underline: false });
    else runs.push({ text: match[2] ?? match[3] ?? "", bold: false, underline: true });
    at = match.index + match[0].length;
  }
  if (at < line.length) runs.push({ text: line.slice(at), bold: false, underline: false });
  return runs;
}

const fontOf = (run: { bold: boolean }) => (run.bold ? "Helvetica-Bold" : "Helvetica");

/** The text's lines as rows of the page: each wrapped to `width`, a run of blank lines as one gap. */
function rows(doc: PDFKit.PDFDocument, text: string, layout: PdfLayout, width: number) {
  const out: Row[] = [];
  let wrapped = 0;
  const lines = text.split(/\r\n?|\n/);
  const signed = lines.findIndex((line) => /^yours (?:sincerely|faithfully)/i.test(line.trim()));
  const statistics = lines.findIndex((line, i) => i > signed && line.trim() === "Complaints upheld");
  const measure = (word: { text: string; bold: boolean }) =>
    doc.font(fontOf(word)).fontSize(layout.fontSize).widthOfString(word.text);
  const space = doc.font("Helvetica").fontSize(layout.fontSize).widthOfString(" ");
  for (const [i, line] of lines.entries()) {
    if (layout.statisticsPage && signed >= 0 && i === statistics) out.push({ kind: "page" });
    if (line.trim() === "") {
      if (out.length > 0 && out[out.length - 1]?.kind === "text") out.push({ kind: "gap" });
      continue;
    }
    // A word is one or more runs ("**67%**." is a bold and a plain one); lines break only at plain spaces, so a
    // non-breaking space holds its words together.
    const words: { runs: Run[]; width: number }[] = [];
    let word: { runs: Run[]; width: number } = { runs: [], width: 0 };
    for (const run of styled(line.trim(), layout.markup)) {
      run.text.split(" ").forEach((part, j) => {
        if (j > 0 && word.runs.length > 0) {
          words.push(word);
          word = { runs: [], width: 0 };
        }
        if (part !== "") {
          word.runs.push({ ...run, text: part });
          word.width += measure({ text: part, bold: run.bold });
        }
      });
    }
    if (word.runs.length > 0) words.push(word);
    let current: Run[] = [];
    let used = 0;
    let wraps = 0;
    const add = (run: Run) => {
      const last = current[current.length - 1];
      if (last && last.bold === run.bold && last.underline === run.underline) last.text += run.text;
      else current.push({ ...run });
    };
    const flush = () => {
      out.push({
        kind: "text",
        runs: current,
        plain: current.map((r) => r.text).join(""),
        continued: wraps > 0,
        width: used,
      });
      current = [];
      used = 0;
    };
    for (const next of words) {
      if (used > 0 && used + space + next.width > width) {
        flush();
        wraps++;
      }
      if (used > 0) {
        // The space between two words of one style has that style (an underlined link's spaces are underlined).
        const last = current[current.length - 1] as Run;
        const first = next.runs[0] as Run;
        const same = last.bold === first.bold && last.underline === first.underline;
        add(same ? { ...last, text: " " } : { text: " ", bold: false, underline: false });
        used += space;
      }
      for (const run of next.runs) add(run);
      used += next.width;
    }
    if (current.length > 0) flush();
    if (wraps > 0) wrapped++;
  }
  return { rows: out, wrapped };
}

/** Collects a pdfkit document's bytes. */
function bytesOf(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
}

/** The letter `text` as a PDF, laid out by `layout` (the defaults: `LETTER_PDF`). */
export async function letterPdf(text: string, options: Partial<PdfLayout> = {}): Promise<LetterPdf> {
  const layout = { ...LETTER_PDF, ...options };
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    bufferPages: true,
    compress: true,
    info: { Title: "Annual Review letter", Producer: "ombuds tests" },
    ...(layout.userPassword
      ? { userPassword: layout.userPassword, ownerPassword: "owner", pdfVersion: "1.7" }
      : {}),
    ...(layout.ownerPassword
      ? {
          ownerPassword: layout.ownerPassword,
          pdfVersion: "1.7",
          permissions: { printing: "lowResolution", copying: false, modifying: false },
        }
      : {}),
  });
  const done = bytesOf(doc);
  const { margins, fontSize } = layout;
  const width = A4.width - margins.left - margins.right;
  const step = fontSize * layout.lineHeight;
  const bottom = A4.height - margins.bottom;
  const laid = rows(doc, text, layout, width);
  const breaks: PageBreak[] = [];
  let y = margins.top;
  let lastText: { plain: string; width: number } | undefined;
  let gapSince = false;
  let pageHasText = false;
  const newPage = () => {
    doc.addPage({ size: "A4", margin: 0 });
    y = margins.top;
    pageHasText = false;
  };
  for (const row of laid.rows) {
    if (row.kind === "page") {
      if (pageHasText) newPage();
      gapSince = true;
      continue;
    }
    if (row.kind === "gap") {
      gapSince = true;
      if (pageHasText) y += step;
      continue;
    }
    if (y + step > bottom) newPage();
    if (!pageHasText && lastText !== undefined) {
      breaks.push({
        before: lastText.plain,
        after: row.plain,
        midParagraph: !gapSince,
        inLine: row.continued,
        fill: lastText.width / width,
      });
    }
    let x = margins.left;
    for (const run of row.runs) {
      doc.font(fontOf(run)).fontSize(fontSize).fillColor("black");
      doc.text(run.text, x, y, { lineBreak: false, underline: run.underline });
      x += doc.widthOfString(run.text);
    }
    y += step;
    pageHasText = true;
    lastText = row;
    gapSince = false;
  }
  const { count } = doc.bufferedPageRange();
  for (let page = 0; page < count; page++) {
    doc.switchToPage(page);
    doc.font("Helvetica").fontSize(8.5).fillColor("#555555");
    if (layout.header) doc.text(layout.header, margins.left, 36, { lineBreak: false });
    if (layout.footer) doc.text(layout.footer, margins.left, A4.height - 60, { lineBreak: false });
    if (layout.pageNumbers) {
      const label = `Page ${page + 1} of ${count}`;
      doc.text(label, A4.width - margins.right - doc.widthOfString(label), A4.height - 44, {
        lineBreak: false,
      });
    }
  }
  doc.end();
  return { bytes: await done, pages: count, wrapped: laid.wrapped, breaks };
}

// ---------------------------------------------------------------------------------------------------------------
// A scanned letter: pages that are only an image.

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small greyscale PNG that looks like a page of text from afar: grey bars on white. */
export function pagePng(width = 120, height = 170): Buffer {
  const raw = Buffer.alloc((width + 1) * height, 255);
  for (let row = 0; row < height; row++) {
    raw[row * (width + 1)] = 0; // filter: none
    const inLine = row > 12 && row < height - 12 && row % 6 < 3;
    const end = width - 10 - ((row * 7) % 23);
    for (let col = 10; inLine && col < end; col++) raw[row * (width + 1) + 1 + col] = 60;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A PDF of `pages` A4 pages, each only a scanned image (and a ruled line): no text layer at all. */
export async function scannedPdf(pages = 2): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: "A4", margin: 0, autoFirstPage: false });
  const done = bytesOf(doc);
  const image = pagePng();
  for (let page = 0; page < pages; page++) {
    doc.addPage({ size: "A4", margin: 0 });
    doc.image(image, 0, 0, { width: A4.width, height: A4.height });
    doc.moveTo(72, 780).lineTo(523, 780).stroke();
  }
  doc.end();
  return done;
}
