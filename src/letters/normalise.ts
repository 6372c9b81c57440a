/**
 * Undo what PDF-to-text conversion does to a letter, so the parser sees one shape: LF line ends, plain spaces,
 * no Markdown or HTML decoration, and paragraphs that a page break split in mid-sentence joined again.
 * Lines inside a paragraph are kept: the addressee block and "13\nupheld decisions" are read line by line.
 *
 * The parser must keep up with thousands of letters a second, so each rewrite runs only when a cheap test (a
 * substring search, or one regex that stops at its first hit) says its trigger is present, and the text is split
 * into lines once: the page furniture, the paragraphs and every reader after them work on those lines.
 */

/** Anything but printable ASCII and line feeds: a text without any needs none of the character replacements. */
const NOT_PLAIN = /[^\n -~]/;
/** Characters that PDF conversion leaves, but for CRLF and U+00A0 (the common ones, replaced first). */
const CHARACTER =
  /\r|[\u200b-\u200d\u2060\ufeff\u00ad\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v\u2018\u2019\u201b\u2032\u201c\u201d\u201f\u2033\u2010-\u2015\u2212\u2026]/g;
const HTML_TAG = /<\/?(?:u|b|i|em|strong|a|span|p|div|font|sup|sub|ins|mark)\b[^<>]*>/gi;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;
/** Runs of spaces: those at a line's end or start go, the others become one space. */
const SPACES = / +\n *|\n +| {2,}/g;
/** The characters that can start a Markdown heading, a quote or a bullet; the pattern is run only if one is there. */
const LINE_START_CHARACTERS = ["#", ">", "\u2022", "\u25cf", "\u25aa", "\u25e6"];
const LINE_START = /^[#>\u2022\u25cf\u25aa\u25e6]/m;

function plain(c: string): string {
  if (c === "\r") return "\n";
  if (/[\u200b-\u200d\u2060\ufeff\u00ad]/.test(c)) return "";
  if (/[\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/.test(c)) return " ";
  if (c === "\u2026") return "...";
  if (/[\u201c\u201d\u201f\u2033]/.test(c)) return '"';
  if (/[\u2018\u2019\u201b\u2032]/.test(c)) return "'";
  return "-";
}

export function normaliseText(input: string): string {
  let text = input;
  // Line ends, odd spaces, smart quotes and dashes; CRLF and U+00A0 are most of them, and a plain substring
  // replacement is far cheaper than a callback per character.
  if (NOT_PLAIN.test(text)) {
    if (text.includes("\r\n")) text = text.replaceAll("\r\n", "\n");
    if (text.includes("\u00a0")) text = text.replaceAll("\u00a0", " ");
    text = text.replace(CHARACTER, plain);
  }
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
  // Runs of spaces, spaces at line ends and starts (in one pass), then Markdown headings, quote markers and bullets
  // at a line's start.
  text = text.replace(SPACES, (run) => (run.includes("\n") ? "\n" : " "));
  if (LINE_START_CHARACTERS.some((c) => text.includes(c)) && LINE_START.test(text))
    text = text.replace(/^(?:#{1,6} +|> *|[•●▪◦] *)/gm, "");
  return text.trim();
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

/**
 * Page headers and footers land wherever a page ended, often inside a sentence: "…a total of 16 detailed" /
 * "Page 2 of 3" / "Annual Review letter 2024 · Kent County Council" / "investigations for the period…". A run of up
 * to four short lines that sits between a sentence's two halves (the first ends without closing punctuation, the
 * second starts in lower case) and that reads as page furniture (the Ombudsman's address, letterhead or page number,
 * or a line the document repeats) is dropped; so is the Ombudsman's contact line wherever it stands alone.
 *
 * The layout is looked at before the words: a run is judged only where a line that ends open is followed, within
 * five lines, by one that starts in lower case; the count of repeated lines is made only if a run needs it.
 */
function dropPageFurniture(lines: string[], text: string): string[] {
  // No line after the first starts in lower case (as /\n[ \t]*[a-z]/ would find): nothing runs on, nothing goes.
  const runsOn = (line: string, i: number) =>
    i > 0 && (startsLower(line) || ((line[0] === " " || line[0] === "\t") && /^[ \t]*[a-z]/.test(line)));
  if (!lines.some(runsOn)) return lines;
  const trimmed = lines.map((line) => line.trim());
  const key = (line: string) => line.toLowerCase().replace(/\d+/g, "#");
  let counts: Map<string, number> | undefined;
  const countOf = (t: string) => {
    if (!counts) {
      counts = new Map();
      for (const line of trimmed) {
        if (line.length > 0 && line.length <= 120) counts.set(key(line), (counts.get(key(line)) ?? 0) + 1);
      }
    }
    return counts.get(key(t)) ?? 0;
  };
  // What furniture looks like, before what it says: short, open at its end, not a bare figure or lower case.
  const shaped = (t: string) =>
    t.length > 0 && t.length <= 120 && !endsClosed(t) && !isBareFigure(t) && !startsLower(t);
  const furniture = (t: string) => shaped(t) && (isContact(t) || LETTERHEAD.test(t) || repeatedHeader(t));
  // A line repeated on its own is furniture only when it is short and reads as a title, not as half a sentence
  // ("Statistics are based on a total of 5 detailed investigations" is printed twice in every 2019–20 letter).
  const repeatedHeader = (t: string) =>
    t.length <= 60 &&
    /^[A-Z]/.test(t) &&
    !/\b(?:of|the|to|and|a|an|in|for|with|on|by|is|are|was|were)$/i.test(t) &&
    countOf(t) >= 2;
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
    if (!run.every((i) => furniture(trimmed[i] as string)) || furniture(first)) continue;
    drop ??= new Set();
    for (const i of run) drop.add(i);
  }
  // The contact line alone: its wordings hold "4771" or "0614", or are a whole line of 10 or 14 characters. (`text`
  // is what the lines come from, page markers and all: a line can hold the numbers only if it does.)
  const anyNumber = text.includes("4771") || text.includes("0614");
  for (let i = 0; i < trimmed.length; i++) {
    const t = trimmed[i] as string;
    if ((anyNumber || t.length === 10 || t.length === 14) && isContact(t) && furniture(t)) {
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

/**
 * The text's lines (`split`: the text split on line feeds) without page markers, as removing
 * /^(?:page \d+(?: of \d+)?|- ?\d+ ?-)$\n?/gim from the text would leave them; `split` itself when there are none.
 * Only a line that starts with "p", "P" or "-" can be one, so the pattern runs on few lines; a text holding U+2028
 * or U+2029 (where that pattern would also see a line start) is left to the pattern itself.
 */
function withoutPageMarkers(text: string, split: string[]): string[] {
  if (text.includes("\u2028") || text.includes("\u2029")) {
    return PAGE_MARKERS.test(text) ? text.replace(PAGE_MARKERS_ALL, "").split("\n") : split;
  }
  const marker = (line: string) => {
    const c = line.charCodeAt(0);
    return (c === 112 || c === 80 || c === 45) && PAGE_LINE.test(line);
  };
  if (!split.some(marker)) return split;
  // A marker goes with its line end; the last line has none, so an empty line is left in its place.
  const kept: string[] = [];
  for (const line of split) if (!marker(line)) kept.push(line);
  if (marker(split[split.length - 1] as string)) kept.push("");
  return kept;
}

/** Split into paragraphs (blank-line separated), rejoining those a page break cut in mid-sentence. */
export function paragraphs(text: string): Pick<Normalised, "paragraphs" | "lines"> {
  const split = text.split("\n");
  const lines = dropPageFurniture(withoutPageMarkers(text, split), text);
  // Where no line went (most letters), a block is a slice of the text, not its lines joined again.
  const sliceable = lines === split;
  const joined: string[] = [];
  const joinedLines: string[][] = [];
  // `from`: where line `start` begins in the text, when sliceable.
  for (let start = 0, end = 0, from = 0; start < lines.length; start = end + 1) {
    // A block: the lines up to the next empty one (as splitting the text on /\n{2,}/).
    end = start;
    let to = from;
    while (end < lines.length && lines[end] !== "") to += (lines[end++] as string).length + 1;
    const blockFrom = from;
    from = to + 1;
    if (end === start) continue;
    let blockLines = lines.slice(start, end);
    const whole = sliceable ? text.slice(blockFrom, to - 1) : blockLines.join("\n");
    const block = whole.trim();
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

/** A paragraph that ends without closing punctuation and a next one that starts in lower case are one sentence. */
function continuesSentence(previous: string, next: string): boolean {
  return previous.length > 40 && startsLower(next) && /[a-z,;]$/i.test(previous);
}

export function normalise(input: string): Normalised {
  const text = normaliseText(input);
  return { text, ...paragraphs(text) };
}
