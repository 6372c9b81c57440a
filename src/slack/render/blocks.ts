import type { ContextBlock, DividerBlock, HeaderBlock, MrkdwnElement, SectionBlock } from "@slack/types";
import { clip } from "./escape.ts";
import { LIMITS } from "./limits.ts";

/**
 * The few blocks the renderers build, each from text that is already escaped (`clip` or `escape`). Mrkdwn is
 * `verbatim`: Slack then leaves a bare URL, `#channel` or `@name` in a letter's or user's words as typed rather than
 * turning it into a link.
 */

export const mrkdwn = (text: string): MrkdwnElement => ({ type: "mrkdwn", text, verbatim: true });

export const section = (text: string): SectionBlock => ({
  type: "section",
  text: mrkdwn(hardCut(text, LIMITS.sectionText)),
});

/** A header from raw text: escaped, cut on a word to 150 characters, and never empty. */
export const header = (raw: string, fallback: string): HeaderBlock => ({
  type: "header",
  text: { type: "plain_text", text: clip(raw.trim() ? raw.trim() : fallback, LIMITS.header), emoji: true },
});

export const context = (texts: string[]): ContextBlock => ({
  type: "context",
  elements: texts.slice(0, LIMITS.contextElements).map((t) => mrkdwn(hardCut(t, LIMITS.contextText))),
});

export const divider = (): DividerBlock => ({ type: "divider" });

export { plural } from "../../phrasing.ts";

export const isBlank = (text: string): boolean => text.trim().length === 0;

/**
 * Escaped text cut to `max` characters without splitting an entity: a last guard for text built from pieces that
 * were each clipped, so a limit holds even when the pieces' sum would not.
 */
export function hardCut(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  let kept = escaped.slice(0, max - 1).replace(/&[a-z]*$/, "");
  // Do not leave half a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
}

/** Room kept for the "…and N more" line of a part that is cut. */
export const NOTE_ROOM = 100;

export interface PackOptions {
  /** The most characters in one text (3,000 for a section, 2,000 for a context element). */
  limit: number;
  /** The most texts. */
  max: number;
  /** The line that says how many items are left out. */
  more: (left: number) => string;
  separator?: string;
  /** Each item in a text of its own. */
  one?: boolean;
  /** Items already left out before these (a ranking cut to its first rows), counted in the "more" line. */
  omitted?: number;
  /** The most characters in all the texts together, the "more" line included. */
  chars?: number;
}

/**
 * Items (escaped, one line or paragraph each) packed into as few texts of at most `limit` characters as they fit,
 * joined by `separator`; `one` puts each item in its own text. At most `max` texts and `chars` characters: when the
 * items need more, or some were already left out upstream, the items are shown in order as far as they fit and a
 * last text says how many are left out (`more`): that line is always given, even past `chars` (by `NOTE_ROOM` at
 * most), so a part is never dropped without a word.
 */
export function packTexts(items: string[], options: PackOptions): string[] {
  const chars = options.chars ?? Number.POSITIVE_INFINITY;
  const whole = pack(items, { ...options, chars });
  if (whole.count === items.length && !options.omitted) return whole.texts;
  if (options.max < 1) return [];
  const cut = pack(items, { ...options, max: options.max - 1, chars: chars - NOTE_ROOM });
  const left = (options.omitted ?? 0) + items.length - cut.count;
  return [...cut.texts, hardCut(options.more(left), Math.min(options.limit, NOTE_ROOM))];
}

function pack(items: string[], options: PackOptions & { chars: number }): { texts: string[]; count: number } {
  const separator = options.separator ?? "\n";
  const texts: string[] = [];
  let current: string | null = null;
  let used = 0;
  let count = 0;
  for (const raw of items) {
    const item = hardCut(raw, options.limit);
    if (
      current !== null &&
      !options.one &&
      current.length + separator.length + item.length <= options.limit
    ) {
      if (used + current.length + separator.length + item.length > options.chars) break;
      current += separator + item;
    } else {
      if (texts.length + (current === null ? 0 : 1) >= options.max) break;
      if (used + (current?.length ?? 0) + item.length > options.chars) break;
      if (current !== null) {
        texts.push(current);
        used += current.length;
      }
      current = item;
    }
    count++;
  }
  if (current !== null) texts.push(current);
  return { texts, count };
}

/** Sections of at most 3,000 characters each from `packTexts`. */
export function packSections(items: string[], options: Omit<PackOptions, "limit">): SectionBlock[] {
  return packTexts(items, { ...options, limit: LIMITS.sectionText }).map(section);
}

/**
 * Escaped names joined by `separator` within `max` characters, ending "and N more" when they do not all fit. `total`
 * is how many there are when `names` holds only the first of them (a caller with thousands need write only as many
 * as `max` characters could hold).
 */
export function listWithin(names: string[], max: number, separator = ", ", total = names.length): string {
  const all = names.join(separator);
  if (all.length <= max && total === names.length) return all;
  const shown: string[] = [];
  let length = 0;
  for (const name of names) {
    const tail = ` and ${total - shown.length - 1} more`;
    const grown = length + (shown.length ? separator.length : 0) + name.length;
    if (grown + tail.length > max) break;
    shown.push(name);
    length = grown;
  }
  const left = total - shown.length;
  return hardCut(shown.length ? `${shown.join(separator)} and ${left} more` : `${left} more`, max);
}
