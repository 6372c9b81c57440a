/**
 * A letter that arrives as a PDF → the text the parser reads, in the shape of the text letters: one line of the
 * page per line of text, a blank line between paragraphs and between pages, and no page headers or footers. The
 * parser itself is the text letters' one (`parseLetter`); this only gets the words out, in reading order.
 *
 * pdf.js (Mozilla's, through its legacy build for Node) does the reading. In Node it runs without a worker thread:
 * its "fake worker" is the worker's code, loaded into this thread, so a letter is read here from start to end. It
 * fetches nothing: the standard fonts and CMaps it may ask for come from its own package folder. It never prints:
 * its verbosity is errors only (which it throws, and we turn into `ParseError`s).
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type { PageViewport, PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { ParseError } from "./error.ts";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
type Item = Awaited<ReturnType<PDFPageProxy["getTextContent"]>>["items"][number];

/** A run of text as pdf.js gives it, placed on the page (y down from the top, as read). */
interface Piece {
  x: number;
  y: number;
  size: number;
  width: number;
  text: string;
  eol: boolean;
}

/** One line of a page: its baseline, font size, left and right edges, and text. */
export interface PdfLine {
  y: number;
  size: number;
  left: number;
  right: number;
  text: string;
}

interface Page {
  height: number;
  lines: PdfLine[];
}

let library: Promise<PdfJs> | undefined;
let folder: string | undefined;

/** pdf.js, loaded on first use (a text-only run never pays for it). */
export function loadPdfJs(): Promise<PdfJs> {
  library ??= (async () => {
    // Without the optional canvas package pdf.js warns as it loads, before any verbosity can be set; those
    // warnings are about rendering, which we never do.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!(typeof args[0] === "string" && args[0].startsWith("Warning: "))) warn(...args);
    };
    try {
      return await import("pdfjs-dist/legacy/build/pdf.mjs");
    } finally {
      console.warn = warn;
    }
  })();
  return library;
}

/** getDocument's options: errors only, nothing from the network or the system, no code generation. */
export function documentOptions(lib: PdfJs, data: Uint8Array) {
  folder ??= dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  return {
    data,
    verbosity: lib.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    enableXfa: false,
    standardFontDataUrl: `${folder}/standard_fonts/`,
    cMapUrl: `${folder}/cmaps/`,
    cMapPacked: true,
    wasmUrl: `${folder}/wasm/`,
  };
}

const MAGIC = "%PDF-";

/**
 * The file's first bytes hold a PDF header: within `within` bytes of its start (readers accept up to 1 KB of junk
 * before it; 5 asks for it at the very start).
 */
export function isPdf(bytes: Uint8Array, within = 1024): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, within)).includes(
    MAGIC,
    0,
    "latin1",
  );
}

/** A complete PDF ends with "%%EOF" (give or take a few bytes of trailing junk); a truncated one does not. */
function isComplete(bytes: Uint8Array): boolean {
  const tail = Math.max(0, bytes.length - 2048);
  return Buffer.from(bytes.buffer, bytes.byteOffset + tail, bytes.length - tail).includes(
    "%%EOF",
    0,
    "latin1",
  );
}

/** A message from pdf.js, cut short: never more than a line of whatever the file made it say. */
function clip(message: string): string {
  const line = message.replace(/\s+/g, " ").trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

/**
 * The text of a PDF letter, or why there is none: a file that is not a PDF, is truncated or damaged, needs a
 * password, or has no text layer (a scanned image). Never throws for a bad file.
 */
export async function extractPdfText(bytes: Uint8Array, file: string): Promise<string | ParseError> {
  const refuse = (reason: string) => new ParseError(file, "file", reason);
  if (!isPdf(bytes)) {
    return refuse('is not a PDF (it does not start with "%PDF-"); a text letter should be named .txt');
  }
  if (!isComplete(bytes)) return refuse("is a damaged or truncated PDF (it does not end with %%EOF)");
  let lib: PdfJs;
  try {
    lib = await loadPdfJs();
  } catch (error) {
    return new ParseError(file, "internal", `PDF support failed to load (${clip((error as Error).message)})`);
  }
  const pages: Page[] = [];
  // pdf.js takes the bytes over (and may detach them), so it gets a copy; the caller hashes the original.
  const task = lib.getDocument(documentOptions(lib, new Uint8Array(bytes)));
  try {
    const document = await task.promise;
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      pages.push({ height: viewport.height, lines: pageLines(content.items, viewport, lib.Util) });
      page.cleanup();
    }
  } catch (error) {
    const { name, message } = error as Error;
    if (name === "PasswordException")
      return refuse("is an encrypted PDF: it needs a password to open; save a copy without one");
    return refuse(`is a damaged or truncated PDF (${clip(message || String(error))})`);
  } finally {
    await task.destroy();
  }
  const text = pdfText(pages);
  if (text === "") {
    const n = pages.length;
    return refuse(
      `has no text layer (a scanned image?): its ${n === 1 ? "page holds" : `${n} pages hold`} no text to read; use the letter's text, or run it through OCR first`,
    );
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Pages → lines

// biome-ignore lint/suspicious/noControlCharactersInRegex: a broken font map gives control characters; they are not text
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** A page's text items as lines, top to bottom: items whose baselines are within half a font size are one line. */
export function pageLines(items: readonly Item[], viewport: PageViewport, util: PdfJs["Util"]): PdfLine[] {
  const pieces: Piece[] = [];
  for (const item of items) {
    if (!("str" in item)) continue;
    const previous = pieces[pieces.length - 1];
    if (item.str === "") {
      if (item.hasEOL && previous) previous.eol = true;
      continue;
    }
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = util.transform(viewport.transform, item.transform);
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
    pieces.push({
      x,
      y,
      size,
      width: item.width * viewport.scale,
      text: item.str.replace(CONTROL, ""),
      eol: item.hasEOL,
    });
  }
  pieces.sort((p, q) => p.y - q.y || p.x - q.x);
  const groups: Piece[][] = [];
  let baseline = Number.NaN;
  let size = 0;
  for (const piece of pieces) {
    const group = groups[groups.length - 1];
    if (group && Math.abs(piece.y - baseline) <= 0.45 * Math.max(size, piece.size)) {
      group.push(piece);
      if (piece.text.trim() !== "") size = Math.max(size, piece.size);
    } else {
      groups.push([piece]);
      baseline = piece.y;
      size = piece.size;
    }
  }
  const lines: PdfLine[] = [];
  for (const group of groups) {
    const line = joinLine(group);
    if (line) lines.push(line);
  }
  return lines;
}

/** One line's pieces, left to right, with a space where the gap between two needs one. */
function joinLine(pieces: Piece[]): PdfLine | undefined {
  pieces.sort((p, q) => p.x - q.x);
  let text = "";
  let end = Number.NEGATIVE_INFINITY;
  let eol = false;
  let left = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let size = 0;
  for (const piece of pieces) {
    const gap = piece.x - end;
    if (text !== "" && !/\s$/.test(text) && !/^\s/.test(piece.text) && (eol || gap > 0.15 * piece.size)) {
      text += " ";
    }
    text += piece.text;
    end = Math.max(end, piece.x + piece.width);
    eol = piece.eol;
    if (piece.text.trim() !== "") {
      left = Math.min(left, piece.x);
      right = Math.max(right, piece.x + piece.width);
      size = Math.max(size, piece.size);
    }
  }
  // Runs of spaces become one; a non-breaking space stays (it binds two words, and normalise undoes it).
  const trimmed = text.replace(/[^\S\u00a0]+/g, " ").trim();
  if (trimmed === "") return undefined;
  return { y: pieces[0]?.y ?? 0, size, left, right, text: trimmed };
}

// ---------------------------------------------------------------------------------------------------------------
// Lines → text

/** How many lines at a page's top and bottom may be a header or footer. */
const EDGE_LINES = 3;
/** Headers sit in the top fifth of a page, footers in the bottom fifth. */
const EDGE = 0.2;

/** Page numbers differ from page to page; the rest of a header or footer does not. */
const edgeKey = (text: string) => text.replace(/\d+/g, "#");

/**
 * Drops each page's header and footer: lines at the very top or bottom of a page whose text (page numbers masked)
 * is at the top or bottom of most pages. A letter of one page has none we can tell from its text.
 */
export function dropHeadersAndFooters(pages: readonly Page[]): PdfLine[][] {
  if (pages.length < 2) return pages.map((page) => page.lines);
  const atTop = (page: Page) => page.lines.slice(0, EDGE_LINES).filter((l) => l.y < page.height * EDGE);
  const atBottom = (page: Page) =>
    page.lines.slice(-EDGE_LINES).filter((l) => l.y > page.height * (1 - EDGE));
  const count = (pick: (page: Page) => PdfLine[]) => {
    const counts = new Map<string, number>();
    for (const page of pages) {
      for (const key of new Set(pick(page).map((l) => edgeKey(l.text))))
        counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  };
  const top = count(atTop);
  const bottom = count(atBottom);
  const repeated = (counts: Map<string, number>, line: PdfLine) => {
    const n = counts.get(edgeKey(line.text)) ?? 0;
    return n >= 2 && n > pages.length / 2;
  };
  return pages.map((page) => {
    const { lines, height } = page;
    let start = 0;
    while (start < Math.min(EDGE_LINES, lines.length)) {
      const line = lines[start] as PdfLine;
      if (line.y >= height * EDGE || !repeated(top, line)) break;
      start++;
    }
    let end = lines.length;
    while (end > start && lines.length - end < EDGE_LINES) {
      const line = lines[end - 1] as PdfLine;
      if (line.y <= height * (1 - EDGE) || !repeated(bottom, line)) break;
      end--;
    }
    return lines.slice(start, end);
  });
}

/** The spacing of a document's lines, as a multiple of their font size: the lower quartile of the gaps. */
function lineSpacing(pages: readonly PdfLine[][]): number {
  const ratios: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const [above, below] = [lines[i - 1] as PdfLine, lines[i] as PdfLine];
      const size = Math.max(above.size, below.size);
      if (size > 0) ratios.push((below.y - above.y) / size);
    }
  }
  if (ratios.length < 4) return 1.2;
  ratios.sort((a, b) => a - b);
  return Math.min(2.5, Math.max(1, ratios[Math.floor(ratios.length / 4)] as number));
}

/**
 * A paragraph that a page break cut: the page is full (its last line is as low as any page's: had there been room
 * for one more line, the paragraph would have gone on there), the next page goes on at the same left edge, and
 * that last line was wrapped: the next page's first word would not have fitted on it. (Or, in mid-sentence, its
 * first two words: a short word may be bound to the next by a non-breaking space that the PDF prints as a plain
 * one.) A page that opens with a heading after a finished sentence is a new paragraph however full the page was.
 * Every other page break is a paragraph break too.
 */
function runsOn(
  last: PdfLine,
  next: PdfLine,
  heading: boolean,
  lowest: number,
  textRight: number,
  spacing: number,
): boolean {
  const endsSentence = /[.!?:]["')\]]?$/.test(last.text);
  if (heading && endsSentence) return false;
  if (last.y < lowest - 0.5 * spacing * last.size) return false;
  if (Math.abs(next.left - last.left) > 0.5 * last.size) return false;
  // A word's width is estimated from its line's average character, which a short word of wide letters ("we")
  // exceeds by a third: hence the allowance.
  const charWidth = (next.right - next.left) / Math.max(1, next.text.length);
  const free = textRight - last.right;
  const fits = (words: string) =>
    free >= (0.28 * last.size + words.length * charWidth) * 1.3 + 0.3 * last.size;
  const [first = "", second] = next.text.split(" ", 2);
  if (!fits(first)) return true;
  return !endsSentence && first.length <= 3 && second !== undefined && !fits(`${first} ${second}`);
}

/** The letter's text: lines joined by "\n", a blank line between paragraphs and (mostly) between pages. */
export function pdfText(pages: readonly Page[]): string {
  const bodies = dropHeadersAndFooters(pages);
  const spacing = lineSpacing(bodies);
  const paragraphGap = Math.max(1.45, spacing * 1.3);
  const lastLines = bodies.flatMap((lines) => lines.slice(-1));
  const lowest = Math.max(...lastLines.map((l) => l.y));
  const textRight = Math.max(...bodies.flat().map((l) => l.right));
  const out: string[] = [];
  let previous: PdfLine | undefined;
  const sameParagraph = (above: PdfLine, below: PdfLine) =>
    below.y - above.y <= paragraphGap * Math.max(above.size, below.size);
  for (const lines of bodies) {
    for (const [i, line] of lines.entries()) {
      if (previous) {
        // A page that opens with a line standing alone, without closing punctuation, opens with a heading.
        const below = lines[1];
        const heading = (!below || !sameParagraph(line, below)) && !/[.!?:;,)"'\]]$/.test(line.text);
        const continues =
          i === 0
            ? runsOn(previous, line, heading, lowest, textRight, spacing)
            : sameParagraph(previous, line);
        out.push(continues ? "\n" : "\n\n");
      }
      out.push(line.text);
      previous = line;
    }
  }
  return out.join("").trim();
}
