/**
 * Slack reads `&`, `<` and `>` as control characters in every text it renders (mrkdwn, plain_text and a message's
 * fallback `text`): `<!channel>`, `<@U123>`, `<#C1>` and `<https://…|…>` are mentions and links. Every string from a
 * letter, the store or a user goes through `escape` before it reaches a block, so none of them can form one.
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name the Slack app uses; the deprecated global escape() is never wanted here.
export function escape(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}

const ELLIPSIS = "…";

/**
 * `text` escaped and at most `max` characters long (counted after escaping, in UTF-16 units, the strictest reading of
 * Slack's limits). A longer text is cut on a word where one is near, and ends with "…". An entity (`&amp;`) or a
 * surrogate pair is never split.
 */
export function clip(text: string, max: number, options: { words?: boolean } = {}): string {
  const escaped = escape(text);
  if (escaped.length <= max) return escaped;
  if (max < 1) return "";
  const room = max - ELLIPSIS.length;
  let kept = "";
  let length = 0;
  for (const char of text) {
    const size = escape(char).length;
    if (length + size > room) break;
    kept += char;
    length += size;
  }
  if (options.words !== false) {
    // Cut on the last space if that keeps at least half of what fits; a single long word is cut where it must be.
    const space = kept.search(/\s\S*$/);
    if (space > 0 && space >= kept.length / 2) kept = kept.slice(0, space);
  }
  return escape(kept.trimEnd()) + ELLIPSIS;
}

/** Text with its runs of white space (line ends included) made single spaces, for a one-line quote or list item. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
