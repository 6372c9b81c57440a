import type { AnyBlock } from "@slack/types";
import { shownTexts } from "../../src/slack/render/index.ts";

/*
 * A test oracle: the Slack markup a message would show. The renderer's tests and the Slack app's integration tests
 * run every text they capture through `findUnescaped`.
 */

/**
 * Slack's control sequences: special mentions and commands (`<!channel>`, `<!here>`, `<!everyone>`,
 * `<!subteam^…>`, `<!date^…>`), user and channel mentions (`<@U123>`, `<#C1>`) and links (`<https://…|…>`,
 * `<mailto:…>`).
 */
const MARKUP = /<(?:!|@|#|https?:|mailto:)[^>]*>/gi;

/**
 * The markup the app writes itself, each a mention by id: who shared an answer ("Shared by <@U…>"), who set a
 * channel's digest up ("…digest was set up by <@U…>; only they…"), and the channel of a digest on App Home
 * ("<#C…>: Weekly digest for…") and in its set-up modal ("The digest for <#C…>."). They are taken out before a text is
 * scanned, so anything else that reads as markup is still found.
 */
const OWN_MENTIONS =
  /^Shared by <@[UW][A-Z0-9]+>$|(?<=digest was set up by )<@[UW][A-Z0-9]+>(?=;)|^<#[CG][A-Z0-9]+>(?=: )|(?<=^The digest for )<#[CG][A-Z0-9]+>(?=\.$)/g;
const withoutOwnMentions = (text: string) => text.replace(OWN_MENTIONS, "");

/**
 * Every piece of Slack markup in what a message shows: the renderer emits none of its own, so each is a user's,
 * letter's or council's text that escaped `escape`. Takes a fallback text or blocks (every text, field, element
 * and button label in them, but not button values or identifiers).
 */
export function findUnescaped(input: string | readonly AnyBlock[] | readonly unknown[]): string[] {
  const texts = typeof input === "string" ? [{ where: "text", text: input }] : shownTexts(input);
  const found: string[] = [];
  for (const { where, text } of texts) {
    for (const match of withoutOwnMentions(text).matchAll(MARKUP)) found.push(`${where}: ${match[0]}`);
  }
  return found;
}

/**
 * A raw "<", ">" or an "&" that starts no entity: in mrkdwn, Slack reads these as the start of markup. A ">" that
 * starts a line is the renderer's own quote marker, the one piece of markup it writes.
 */
const RAW = /<|(?<!^)>|&(?!(?:amp|lt|gt);)/gm;

/**
 * Every raw "<", ">" or "&" in the mrkdwn a message shows (and its fallback text): the renderer writes no markup of
 * its own, so each is text, static or not, that skipped the escaping. (Plain-text objects are shown as written.)
 */
export function findRawCharacters(input: string | readonly unknown[]): string[] {
  const found: string[] = [];
  const scan = (where: string, raw: string) => {
    const text = withoutOwnMentions(raw);
    for (const match of text.matchAll(RAW)) {
      const at = match.index ?? 0;
      found.push(`${where}: ${JSON.stringify(text.slice(Math.max(0, at - 20), at + 20))}`);
    }
  };
  if (typeof input === "string") {
    scan("text", input);
    return found;
  }
  const walk = (value: unknown, where: string) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, `${where}[${i}]`);
      });
    } else if (typeof value === "object" && value !== null) {
      const object = value as Record<string, unknown>;
      if (object.type === "mrkdwn" && typeof object.text === "string") scan(where, object.text);
      for (const [key, item] of Object.entries(object))
        if (typeof item === "object") walk(item, `${where}.${key}`);
    }
  };
  walk(input, "blocks");
  return found;
}
