/**
 * Undo what PDF-to-text conversion does to a letter, so the parser sees one shape: LF line ends, plain spaces,
 * no Markdown or HTML decoration, and paragraphs that a page break split in mid-sentence joined again.
 * Lines inside a paragraph are kept: the addressee block and "13\nupheld decisions" are read line by line.
 */

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
const HTML_TAG = /<\/?(?:u|b|i|em|strong|a|span|p|div|font|sup|sub|ins|mark)\b[^<>]*>/gi;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;

/** Characters that PDF conversion leaves and their plain replacements; one pass replaces them all. */
const CHARACTER =
  /\r\n?|[\u200b-\u200d\u2060\ufeff\u00ad\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v\u2018\u2019\u201b\u2032\u201c\u201d\u201f\u2033\u2010-\u2015\u2212\u2026]/g;

function plain(c: string): string {
  if (c.charCodeAt(0) === 13) return "\n";
  if (ZERO_WIDTH_CHAR.test(c)) return "";
  if (ODD_SPACE_CHAR.test(c)) return " ";
  if (c === "\u2026") return "...";
  if (/[\u201c\u201d\u201f\u2033]/.test(c)) return '"';
  if (/[\u2018\u2019\u201b\u2032]/.test(c)) return "'";
  return "-";
}
const ZERO_WIDTH_CHAR = new RegExp(ZERO_WIDTH.source);
const ODD_SPACE_CHAR = new RegExp(ODD_SPACE.source);
const LINE_START = /^[#>\u2022\u25cf\u25aa\u25e6]/m;

export function normaliseText(input: string): string {
  // Each rewrite runs only when its trigger is present (a substring search is far cheaper than a regex pass): the
  // parser must keep up with thousands of letters a second.
  let text = input.replace(CHARACTER, plain);
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
  // Runs of spaces, spaces at line ends, then Markdown headings, quote markers and bullets at a line's start.
  if (text.includes("  ")) text = text.replace(/ {2,}/g, " ");
  if (text.includes(" \n")) text = text.replace(/ \n/g, "\n");
  if (text.includes("\n ")) text = text.replace(/\n /g, "\n");
  if (LINE_START.test(text)) text = text.replace(/^(?:#{1,6} +|> *|[•●▪◦] *)/gm, "");
  return text.trim();
}

/** A line that is only a page marker ("Page 2 of 4", "- 2 -"), left by the converter. */
const PAGE_MARKER = "^(?:page \\d+(?: of \\d+)?|- ?\\d+ ?-)$";
const PAGE_MARKERS = new RegExp(PAGE_MARKER, "im");
const PAGE_MARKERS_ALL = new RegExp(`${PAGE_MARKER}\\n?`, "gim");

/** Split into paragraphs (blank-line separated), rejoining those a page break cut in mid-sentence. */
export function paragraphs(text: string): string[] {
  const clean = PAGE_MARKERS.test(text) ? text.replace(PAGE_MARKERS_ALL, "") : text;
  const blocks = clean
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
  const joined: string[] = [];
  for (const block of blocks) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined && continuesSentence(previous, block)) {
      joined[joined.length - 1] = `${previous} ${block}`;
    } else {
      joined.push(block);
    }
  }
  return joined;
}

/** A paragraph that ends without closing punctuation and a next one that starts in lower case are one sentence. */
function continuesSentence(previous: string, next: string): boolean {
  return /[a-z,;]$/i.test(previous) && /^[a-z]/.test(next) && previous.length > 40;
}

export function normalise(input: string): { text: string; paragraphs: string[] } {
  const text = normaliseText(input);
  return { text, paragraphs: paragraphs(text) };
}
