/**
 * Undo what PDF-to-text conversion does to a letter, so the parser sees one shape: LF line ends, plain spaces,
 * no Markdown or HTML decoration, and paragraphs that a page break split in mid-sentence joined again.
 * Lines inside a paragraph are kept: the addressee block and "13\nupheld decisions" are read line by line.
 */

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g;
const HTML_TAG = /<\/?(?:u|b|i|em|strong|a|span|p|div|font|sup|sub|ins|mark)\b[^<>]*>/gi;
const LINE_BREAK_TAG = /<br\s*\/?>/gi;

export function normaliseText(input: string): string {
  // Each rewrite runs only when its trigger character is present: most letters need few of them, and the parser
  // must keep up with thousands of letters a second.
  let text = input.replace(/\r\n?/g, "\n").replace(ZERO_WIDTH, "").replace(ODD_SPACE, " ");
  if (/[\u2018-\u201f\u2032\u2033\u2010-\u2015\u2212\u2026]/.test(text)) {
    text = text
      .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/\u2026/g, "...");
  }
  // Links: [text](target), <https://bare>, HTML anchors and underlines keep only their text.
  if (text.includes("](")) text = text.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, "$1");
  if (text.includes("<")) {
    text = text
      .replace(/<((?:https?:\/\/|www\.)[^<>\s]+)>/g, "$1")
      .replace(LINE_BREAK_TAG, "\n")
      .replace(HTML_TAG, "");
  }
  if (text.includes("&")) text = text.replace(/&nbsp;/g, " ").replace(/&amp;/g, "&");
  // Bold and italic markers around figures or words, and Markdown's backslash escapes.
  if (text.includes("**") || text.includes("__")) text = text.replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, "$2");
  if (text.includes("*") || text.includes("_")) {
    text = text.replace(/(^|[\s(])[*_](?=[^\s*_])([^*_\n]*?[^\s*_])[*_](?=[\s).,;:%]|$)/gm, "$1$2");
  }
  if (text.includes("\\")) text = text.replace(/\\([\\`*_{}[\]()#+\-.!%&])/g, "$1");
  // Markdown headings, quote markers and bullets at a line's start; runs of spaces; spaces at line ends.
  return text
    .split("\n")
    .map((line) => {
      let out = line.includes("  ") ? line.replace(/ {2,}/g, " ") : line;
      out = out.trim();
      const first = out.charCodeAt(0);
      // '#', '>', and the bullet characters
      if (first === 35 || first === 62 || (first >= 0x2022 && first <= 0x25cf)) {
        out = out.replace(/^(?:#{1,6} +|> *|[•●▪◦] *)/, "");
      }
      return out;
    })
    .join("\n");
}

/** A line that is only a page marker ("Page 2 of 4", "- 2 -"), left by the converter. */
const PAGE_MARKER = /^(?:page \d+(?: of \d+)?|- ?\d+ ?-)$/i;

/** Split into paragraphs (blank-line separated), rejoining those a page break cut in mid-sentence. */
export function paragraphs(text: string): string[] {
  const blocks = text
    .split(/\n{2,}/)
    .map((block) =>
      block
        .split("\n")
        .filter((line) => !PAGE_MARKER.test(line))
        .join("\n")
        .trim(),
    )
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
