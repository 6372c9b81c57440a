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
 * Every piece of Slack markup in what a message shows: the renderer emits none of its own, so each is a user's,
 * letter's or council's text that escaped `escape`. Takes a fallback text or blocks (every text, field, element
 * and button label in them, but not button values or identifiers).
 */
export function findUnescaped(input: string | readonly AnyBlock[] | readonly unknown[]): string[] {
  const texts = typeof input === "string" ? [{ where: "text", text: input }] : shownTexts(input);
  const found: string[] = [];
  for (const { where, text } of texts) {
    for (const match of text.matchAll(MARKUP)) found.push(`${where}: ${match[0]}`);
  }
  return found;
}
