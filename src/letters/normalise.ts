/**
 * Undo what PDF-to-text conversion does to a letter, so the parser sees one shape: LF line ends, plain spaces,
 * no Markdown or HTML decoration, and paragraphs that a page break split in mid-sentence joined again.
 * Lines inside a paragraph are kept: the addressee block and "13\nupheld decisions" are read line by line.
 *
 * The parser must keep up with thousands of letters a second, so each rewrite of the whole text runs only when a
 * cheap test (a substring search, or one regex that stops at its first hit) says its trigger is present, and the
 * rest is one pass over the text's lines: their spaces and line-start markers, the page markers, the page furniture
 * and the paragraphs are all worked out on the lines, split once, and every reader after gets each paragraph's lines.
 */

/** Anything but printable ASCII and line feeds: a text without any needs none of the character replacements. */
const NOT_PLAIN = /[^\n -~]/;
/**
 * Characters that PDF conversion leaves, but for CRLF and U+00A0 (the common ones, replaced first); and, first, the
 * control characters other than white space, which mean a binary or corrupted file whatever its encoding (looked
 * for in the same pass, and left as they are: the text is refused).
 */
const CHARACTER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it also looks for
  /[\u0000-\u0008\u000e-\u001f]|\r|[\u200b-\u200d\u2060\ufeff\u00ad\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v\u2018\u2019\u201b\u2032\u201c\u201d\u201f\u2033\u2010-\u2015\u2212\u2026\ufb00-\ufb06]/g;
/** CHARACTER without the global flag: whether the text holds any (it keeps no state between calls). */
const CHARACTER_TEST = new RegExp(CHARACTER.source);
const HTML_TAG = /<\/?(?:u|b|i|em|strong|a|span|p|div|font|sup|sub|ins|mark)\b[^<>]*>/gi;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;
/** Runs of spaces: those at a line's end or start go, the others become one space. */
const SPACES = / +\n *|\n +| {2,}/g;
/** The characters that can start a Markdown heading, a quote or a bullet; the pattern is run only if one is there. */
const LINE_START_CHARACTERS = ["#", ">", "\u2022", "\u25cf", "\u25aa", "\u25e6"];
const LINE_START = /^[#>\u2022\u25cf\u25aa\u25e6]/m;
const LINE_START_MARKER = /^(?:#{1,6} +|> *|[•●▪◦] *)/gm;
/** A line's own start marker (LINE_START_MARKER on one line). */
const MARKER_OF_LINE = /^(?:#{1,6} +|> *|[•●▪◦] *)/;

/** What each of CHARACTER's characters becomes; those not in this table, the dashes (U+2010–2015, U+2212), are "-". */
const PLAIN = new Map<string, string>();
for (const c of "\u200b\u200c\u200d\u2060\ufeff\u00ad") PLAIN.set(c, "");
for (const c of "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v")
  PLAIN.set(c, " ");
for (const c of "\u201c\u201d\u201f\u2033") PLAIN.set(c, '"');
for (const c of "\u2018\u2019\u201b\u2032") PLAIN.set(c, "'");
PLAIN.set("\r", "\n");
PLAIN.set("\u2026", "...");
// Ligatures, which a PDF's fonts can leave in its text: "satisﬁed" is "satisfied".
for (const [c, letters] of [
  ["\ufb00", "ff"],
  ["\ufb01", "fi"],
  ["\ufb02", "fl"],
  ["\ufb03", "ffi"],
  ["\ufb04", "ffl"],
  ["\ufb05", "st"],
  ["\ufb06", "st"],
] as const)
  PLAIN.set(c, letters);

/** Whether a character is a control character other than white space (U+0000–0008, U+000E–001F). */
function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code <= 0x08 || (code >= 0x0e && code <= 0x1f);
}

/**
 * Line ends, odd spaces, smart quotes and dashes, or null when the text holds control characters (it is then not
 * a text letter). CRLF and U+00A0 are most of them, and a plain substring replacement is far cheaper than a
 * callback per character. The rest are looked for only in a text that still has characters outside plain ASCII
 * once those are gone (a text with none has no control characters either).
 */
function characters(input: string): string | null {
  let text = input;
  if (!NOT_PLAIN.test(text)) return text;
  if (text.includes("\r\n")) text = text.replaceAll("\r\n", "\n");
  if (text.includes("\u00a0")) text = text.replaceAll("\u00a0", " ");
  // A soft hyphen that broke a word at a line's end is that break's hyphen (BROKEN_WORD joins the word); elsewhere
  // it is nothing.
  if (text.includes("\u00ad\n")) text = text.replaceAll("\u00ad\n", "-\n");
  // What is left to replace, if anything (the characters outside plain ASCII that remain are mostly ones kept as
  // they are, "·" and "£"): one scan that stops at the first, rather than a scan for anything outside plain ASCII
  // and then the replacement's own.
  if (!CHARACTER_TEST.test(text)) return text;
  let control = false;
  const replaced = text.replace(CHARACTER, (c) => {
    if (!isControl(c)) return PLAIN.get(c) ?? "-";
    control = true;
    return c;
  });
  return control ? null : replaced;
}

/** Links, HTML, entities, bold and italic markers and Markdown's backslash escapes, each only if its trigger is there. */
function markup(input: string): string {
  let text = input;
  // Links: [text](target), <https://bare>, HTML anchors and underlines keep only their text.
  if (text.includes("](")) text = text.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, "$1");
  if (text.includes("<")) {
    text = text
      .replace(/<((?:https?:\/\/|www\.)[^<>\s]+)>/g, "$1")
      .replace(LINE_BREAK_TAG, "\n")
      .replace(HTML_TAG, "");
  }
  if (text.includes("&nbsp;") || text.includes("&amp;"))
    text = text.replace(/&nbsp;/g, " ").replace(/&amp;/g, "&");
  // Bold and italic markers around figures or words, and Markdown's backslash escapes.
  if (text.includes("**") || text.includes("__")) text = text.replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, "$2");
  if (text.includes("*") || text.includes("_")) {
    text = text.replace(/(^|[\s(])[*_](?=[^\s*_])([^*_\n]*?[^\s*_])[*_](?=[\s).,;:%]|$)/gm, "$1$2");
  }
  if (text.includes("\\")) text = text.replace(/\\([\\`*_{}[\]()#+\-.!%&])/g, "$1");
  return text;
}

/**
 * Runs of spaces, spaces at line ends and starts (in one pass), then Markdown headings, quote markers and bullets at
 * a line's start, and the ends trimmed: for a text whose lines `spacedLines` cannot take one at a time.
 */
function spacedText(input: string): string {
  let text = input.replace(SPACES, (run) => (run.includes("\n") ? "\n" : " "));
  if (LINE_START_CHARACTERS.some((c) => text.includes(c)) && LINE_START.test(text))
    text = text.replace(LINE_START_MARKER, "");
  return text.trim();
}

/**
 * The text's lines as `spacedText` would leave them (`spacedText(text).split("\n")`), one line at a time: spaces at
 * a line's ends go and runs of them become one, then a line-start marker goes; empty lines at either end go, as the
 * trim does. That is the same only where a line ends at "\n" alone, for the pattern and the trim: a text with U+2028
 * or U+2029 is left to `spacedText`.
 */
function spacedLines(text: string): string[] {
  const lines = text.split("\n");
  // What the text holds at all decides what is looked for on each line: runs of spaces, a space at a line's end or
  // start, a line-start marker.
  const runs = text.includes("  ");
  const ends =
    runs ||
    text.includes(" \n") ||
    text.includes("\n ") ||
    text.charCodeAt(0) === 32 ||
    text.charCodeAt(text.length - 1) === 32;
  const markers = LINE_START_CHARACTERS.some((c) => text.includes(c));
  let first = -1;
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (line.length === 0) continue;
    if (ends) {
      if (runs && line.includes("  ")) line = line.replace(/ {2,}/g, " ");
      if (line.charCodeAt(0) === 32) line = line.slice(1);
      if (line.charCodeAt(line.length - 1) === 32) line = line.slice(0, -1);
    }
    if (markers) {
      const c = line.charCodeAt(0);
      // Only a line that starts with "#", ">", "•", "●", "▪" or "◦" can have one.
      if (c === 35 || c === 62 || c === 0x2022 || c === 0x25cf || c === 0x25aa || c === 0x25e6)
        line = line.replace(MARKER_OF_LINE, "");
    }
    lines[i] = line;
    if (line.length > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return [""];
  return first === 0 && last === lines.length - 1 ? lines : lines.slice(first, last + 1);
}

/** A line that is only a page marker ("Page 2 of 4", "- 2 -"), left by the converter. */
const PAGE_MARKER = "^(?:page \\d+(?: of \\d+)?|- ?\\d+ ?-)$";
const PAGE_MARKERS = new RegExp(PAGE_MARKER, "im");
const PAGE_MARKERS_ALL = new RegExp(`${PAGE_MARKER}\\n?`, "gim");
const PAGE_LINE = new RegExp(PAGE_MARKER, "i");

/** The Ombudsman's address, telephone and website as a page footer prints them. */
const CONTACT = /PO Box 4771|0300 061 0614|^(?:www\.)?lgo\.org\.uk$/i;
/** What a page header or footer says: the letterhead, the letter's title, a page number, the address. */
const LETTERHEAD = /ombudsman|annual review letter|\bpage \d|www\.|\bpo box\b/i;

/**
 * Whether a (trimmed) line is the Ombudsman's contact line. Each of CONTACT's wordings holds "4771" or "0614", or
 * is the whole line and 10 or 14 characters long, so most lines are ruled out without the pattern.
 */
function isContact(t: string): boolean {
  return (t.includes("4771") || t.includes("0614") || t.length === 10 || t.length === 14) && CONTACT.test(t);
}

/** Whether a (trimmed) line starts in lower case (ASCII a–z, as /^[a-z]/). */
function startsLower(t: string): boolean {
  const c = t.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/** Whether a line ends in closing punctuation (as /[.!?:;,]$/). */
function endsClosed(t: string): boolean {
  return t.length > 0 && ".!?:;,".includes(t.charAt(t.length - 1));
}

/**
 * Whether a trimmed line is only figures (as /^[\d\s,.%]+$/): one that is starts with a digit, comma, full stop or
 * % (white space cannot start a trimmed line), so the pattern runs on few lines.
 */
function isBareFigure(t: string): boolean {
  const c = t.charCodeAt(0);
  return ((c >= 48 && c <= 57) || c === 44 || c === 46 || c === 37) && /^[\d\s,.%]+$/.test(t);
}

/** Whether a line ends open, in a letter, digit, comma, semicolon or % (as /[a-z0-9,;%]$/i). */
function endsOpen(t: string): boolean {
  const c = t.charCodeAt(t.length - 1);
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 44 || c === 59 || c === 37
  );
}

/** Whether line `i` runs on from the one before: it starts in lower case, perhaps after spaces or tabs. */
function runsOn(line: string, i: number): boolean {
  return i > 0 && (startsLower(line) || ((line[0] === " " || line[0] === "\t") && /^[ \t]*[a-z]/.test(line)));
}

/** What furniture looks like, before what it says: short, open at its end, not a bare figure or lower case. */
function shaped(t: string): boolean {
  return t.length > 0 && t.length <= 120 && !endsClosed(t) && !isBareFigure(t) && !startsLower(t);
}

/** The document's trimmed lines, and how often each (numbers masked) stands on a line, counted when first asked. */
class Furniture {
  private counts: Map<string, number> | undefined;

  constructor(readonly trimmed: readonly string[]) {}

  /** Page furniture: shaped as it is, and the Ombudsman's contact line or letterhead, or a repeated title. */
  is(t: string): boolean {
    return shaped(t) && (isContact(t) || LETTERHEAD.test(t) || this.repeatedHeader(t));
  }

  /**
   * A line repeated on its own is furniture only when it is short and reads as a title, not as half a sentence
   * ("Statistics are based on a total of 5 detailed investigations" is printed twice in every 2019–20 letter).
   */
  private repeatedHeader(t: string): boolean {
    return (
      t.length <= 60 &&
      /^[A-Z]/.test(t) &&
      !/\b(?:of|the|to|and|a|an|in|for|with|on|by|is|are|was|were)$/i.test(t) &&
      this.countOf(t) >= 2
    );
  }

  private countOf(t: string): number {
    if (!this.counts) {
      const counts = new Map<string, number>();
      for (const line of this.trimmed) {
        if (line.length > 0 && line.length <= 120) counts.set(key(line), (counts.get(key(line)) ?? 0) + 1);
      }
      this.counts = counts;
    }
    return this.counts.get(key(t)) ?? 0;
  }
}

const key = (line: string) => line.toLowerCase().replace(/\d+/g, "#");

/**
 * Page headers and footers land wherever a page ended, often inside a sentence: "…a total of 16 detailed" /
 * "Page 2 of 3" / "Annual Review letter 2024 · Kent County Council" / "investigations for the period…". A run of up
 * to four short lines that sits between a sentence's two halves (the first ends without closing punctuation, the
 * second starts in lower case) and that reads as page furniture (the Ombudsman's address, letterhead or page number,
 * or a line the document repeats) is dropped; so is the Ombudsman's contact line wherever it stands alone.
 *
 * The layout is looked at before the words: a run is judged only where a line that ends open is followed, within
 * five lines, by one that starts in lower case; the count of repeated lines is made only if a run needs it.
 * `anyNumber`: whether the text may hold the contact line's numbers ("4771", "0614"); `spaced`: whether every line
 * is trimmed already (`spacedLines`' are).
 */
function dropPageFurniture(lines: string[], anyNumber: boolean, spaced: boolean): string[] {
  // No line after the first starts in lower case (as /\n[ \t]*[a-z]/ would find): nothing runs on, nothing goes.
  if (!lines.some(runsOn)) return lines;
  const trimmed = spaced ? lines : lines.map((line) => line.trim());
  const furniture = new Furniture(trimmed);
  let drop: Set<number> | undefined;
  for (let a = 0; a < trimmed.length; a++) {
    const first = trimmed[a] as string;
    if (!endsOpen(first)) continue;
    // The run: the non-empty lines up to the next one that starts in lower case. Furniture never starts in lower
    // case, so a run of one to four lines all furniture, with that line after it, is the only one dropped.
    const run: number[] = [];
    let b = a + 1;
    for (; b < trimmed.length && run.length <= 4; b++) {
      const t = trimmed[b] as string;
      if (t === "") continue;
      if (startsLower(t)) break;
      run.push(b);
    }
    if (run.length === 0 || run.length > 4 || b >= trimmed.length) continue;
    if (!run.every((i) => shaped(trimmed[i] as string))) continue;
    if (!run.every((i) => furniture.is(trimmed[i] as string)) || furniture.is(first)) continue;
    drop ??= new Set();
    for (const i of run) drop.add(i);
  }
  // The contact line alone: its wordings hold "4771" or "0614", or are a whole line of 10 or 14 characters.
  for (let i = 0; i < trimmed.length; i++) {
    const t = trimmed[i] as string;
    if ((anyNumber || t.length === 10 || t.length === 14) && isContact(t) && furniture.is(t)) {
      drop ??= new Set();
      drop.add(i);
    }
  }
  return drop ? lines.filter((_, i) => !drop?.has(i)) : lines;
}

export interface Normalised {
  /** The whole text, normalised. */
  text: string;
  /** Blank-line separated, those that a page break cut in mid-sentence joined again. */
  paragraphs: string[];
  /** Each paragraph's lines (`paragraphs[i].split("\n")`), split once for every reader after. */
  lines: string[][];
}

/** Whether a line is a page marker; only a line that starts with "p", "P" or "-" can be one. */
function isPageMarker(line: string): boolean {
  const c = line.charCodeAt(0);
  return (c === 112 || c === 80 || c === 45) && PAGE_LINE.test(line);
}

/**
 * The text's lines (`split`: the text split on line feeds) without page markers, as removing
 * /^(?:page \d+(?: of \d+)?|- ?\d+ ?-)$\n?/gim from the text would leave them; `split` itself when there are none.
 * A text holding U+2028 or U+2029 (`lineSeparators`: where that pattern would also see a line start) is left to
 * the pattern itself.
 */
function withoutPageMarkers(text: string, split: string[], lineSeparators: boolean): string[] {
  if (lineSeparators) {
    return PAGE_MARKERS.test(text) ? text.replace(PAGE_MARKERS_ALL, "").split("\n") : split;
  }
  if (!split.some(isPageMarker)) return split;
  // A marker goes with its line end; the last line has none, so an empty line is left in its place.
  const kept: string[] = [];
  for (const line of split) if (!isPageMarker(line)) kept.push(line);
  if (isPageMarker(split[split.length - 1] as string)) kept.push("");
  return kept;
}

/**
 * The paragraphs of a text's lines (blank-line separated), rejoining those a page break cut in mid-sentence;
 * `text` is what the lines were split from, and `spaced` says whether every line is trimmed already.
 */
function paragraphsOf(
  text: string,
  split: string[],
  spaced: boolean,
): Pick<Normalised, "paragraphs" | "lines"> {
  const anyNumber = text.includes("4771") || text.includes("0614");
  // Only a text that is not spaced line by line (`spacedText`'s) can hold U+2028 or U+2029.
  const lineSeparators = !spaced && (text.includes("\u2028") || text.includes("\u2029"));
  const lines = dropPageFurniture(withoutPageMarkers(text, split, lineSeparators), anyNumber, spaced);
  const joined: string[] = [];
  const joinedLines: string[][] = [];
  for (let start = 0, end = 0; start < lines.length; start = end + 1) {
    // A block: the lines up to the next empty one (as splitting the text on /\n{2,}/).
    end = start;
    while (end < lines.length && lines[end] !== "") end++;
    if (end === start) continue;
    // Most blocks are one line, which is its own text.
    let blockLines = end === start + 1 ? [lines[start] as string] : lines.slice(start, end);
    const whole = blockLines.length === 1 ? (blockLines[0] as string) : blockLines.join("\n");
    const block = spaced ? whole : whole.trim();
    if (block.length === 0) continue;
    if (block.length !== whole.length) blockLines = block.split("\n");
    const at = joined.length - 1;
    const previous = joined[at];
    const previousLines = joinedLines[at];
    if (previous !== undefined && previousLines && continuesSentence(previous, block)) {
      joined[at] = `${previous} ${block}`;
      const [first = "", ...rest] = blockLines;
      previousLines[previousLines.length - 1] += ` ${first}`;
      previousLines.push(...rest);
    } else {
      joined.push(block);
      joinedLines.push(blockLines);
    }
  }
  return { paragraphs: joined, lines: joinedLines };
}

/**
 * A paragraph that ends without closing punctuation (a letter, comma or semicolon, as /[a-z,;]$/i) and a next one
 * that starts in lower case are one sentence.
 */
function continuesSentence(previous: string, next: string): boolean {
  if (previous.length <= 40 || !startsLower(next)) return false;
  const c = previous.charCodeAt(previous.length - 1);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 44 || c === 59;
}

/** The normalised text and its paragraphs, or null when the text holds control characters (not a text letter). */
/**
 * A word broken across lines by a hyphen, as a PDF's justified text breaks one ("41 detailed investi-" / "gations"):
 * lower case on both sides. It is one word again, so that the statistics read it.
 */
const BROKEN_WORD = /([a-z])- *\n *(?=[a-z])/g;

export function normalise(input: string): Normalised | null {
  const text = characters(input);
  if (text === null) return null;
  let marked = markup(text);
  if (marked.includes("-\n") || marked.includes("- \n")) marked = marked.replace(BROKEN_WORD, "$1");
  if (marked.includes("\u2028") || marked.includes("\u2029")) {
    const whole = spacedText(marked);
    return { text: whole, ...paragraphsOf(whole, whole.split("\n"), false) };
  }
  const lines = spacedLines(marked);
  const whole = lines.length === 1 ? (lines[0] as string) : lines.join("\n");
  // `paragraphsOf` takes the lines as its own (page markers and furniture are dropped from a copy).
  return { text: whole, ...paragraphsOf(whole, lines, true) };
}
