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
  return (
    input
      .replace(/\r\n?/g, "\n")
      .replace(ZERO_WIDTH, "")
      .replace(ODD_SPACE, " ")
      .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
      .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, "-")
      .replace(/\u2026/g, "...")
      // Links: [text](target), <https://bare>, HTML anchors and underlines keep only their text.
      .replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, "$1")
      .replace(/<((?:https?:\/\/|www\.)[^<>\s]+)>/g, "$1")
      .replace(LINE_BREAK_TAG, "\n")
      .replace(HTML_TAG, "")
      .replace(/&nbsp;/g, " ")
      .replace(/&amp;/g, "&")
      // Bold and italic markers around figures or words.
      .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, "$2")
      .replace(/(^|[\s(])[*_](?=[^\s*_])([^*_\n]*?[^\s*_])[*_](?=[\s).,;:%]|$)/gm, "$1$2")
      .replace(/\\([\\`*_{}[\]()#+\-.!%&])/g, "$1")
      // Markdown headings, quote markers and bullets at a line's start.
      .replace(/^[ ]*(?:#{1,6}[ ]+|>[ ]*|[•●▪◦][ ]*)/gm, "")
      .replace(/[ ]{2,}/g, " ")
      .replace(/^[ ]+|[ ]+$/gm, "")
  );
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
