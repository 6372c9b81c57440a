import type { AnyBlock } from "@slack/types";

/**
 * Block Kit's limits, which the renderers keep to so that Slack never rejects a message (`invalid_blocks`), and the
 * texts a message shows, which count against them. The tests hold every message to these limits with the oracle in
 * test/support/check-blocks.ts.
 */

export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  blockId: 255,
  header: 150,
  sectionText: 3000,
  fields: 10,
  field: 2000,
  contextElements: 10,
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  url: 3000,
  fallbackText: 3000,
  /**
   * All the text in a message's blocks. Undocumented: Slack's chat.postMessage rejects blocks with
   * `msg_blocks_too_long` past about 12,000 characters in all ("12,000 text characters with a buffer for block
   * containers", slackapi/bolt-js#2509; rejected at 11,341 counted this way, #2867). Checked at 10,000 to keep a
   * margin; the renderers spend at most 9,000 or so.
   */
  messageText: 10_000,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Keys whose strings Slack never shows as text: identifiers and a button's `value` (JSON for the app itself). */
const NOT_RENDERED = new Set([
  "value",
  "action_id",
  "block_id",
  "callback_id",
  "external_id",
  "private_metadata",
  "url",
  "image_url",
]);

/** A text the blocks show, and where it is in them ("block 3.text.text"). */
export interface ShownText {
  where: string;
  text: string;
}

/** Every text the blocks show, in order: headers, section texts and fields, context elements, button labels. */
export function textsOf(blocks: readonly AnyBlock[] | readonly unknown[]): string[] {
  return shownTexts(blocks).map((t) => t.text);
}

/** Every text the blocks show (every text, field, element and button label, but no button value or identifier). */
export function shownTexts(blocks: readonly AnyBlock[] | readonly unknown[]): ShownText[] {
  const texts: ShownText[] = [];
  blocks.forEach((block, i) => {
    collect(block, `block ${i + 1}`, texts);
  });
  return texts;
}

/** How many characters the blocks show in all (what `messageText` limits): `textsOf`'s total, without the list. */
export function shownLength(blocks: readonly AnyBlock[] | readonly unknown[]): number {
  // Counted on every block an answer adds, so it makes no `where` strings and no list.
  const count = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((n: number, item) => n + count(item), 0);
    if (!isObject(value)) return 0;
    let n = 0;
    for (const key in value) {
      if (NOT_RENDERED.has(key)) continue;
      const item = value[key];
      if (typeof item === "string") {
        if (key !== "type" && key !== "style") n += item.length;
      } else n += count(item);
    }
    return n;
  };
  return count(blocks);
}

function collect(value: unknown, where: string, into: ShownText[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collect(item, `${where}[${i}]`, into);
    });
    return;
  }
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (NOT_RENDERED.has(key)) continue;
    if (typeof item === "string") {
      if (key !== "type" && key !== "style") into.push({ where: `${where}.${key}`, text: item });
    } else collect(item, `${where}.${key}`, into);
  }
}
