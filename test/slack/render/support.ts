import type { AnyBlock } from "@slack/types";
import { expect } from "vitest";
import { type Answer, createHoldings, type Holdings } from "../../../src/answers/index.ts";
import { existedIn } from "../../../src/authorities/index.ts";
import { type Letter, parseLetter } from "../../../src/letters/index.ts";
import { type Message, textsOf } from "../../../src/slack/render/index.ts";
import { randomSpec, seeded, writeLetter } from "../../../testkit/letters.ts";
import { answerTo, authorities } from "../../answers/support.ts";
import { checkBlocks } from "../../support/check-blocks.ts";
import { findRawCharacters, findUnescaped } from "../../support/find-unescaped.ts";

/**
 * What the renderer's tests share: the checks every rendered message must pass, the text a message shows, and
 * answers to build on (the sample letters' through `answerTo`, and a store of generated letters for every council).
 */

import { twoYears } from "../../answers/support.ts";

export { answerTo, authorities, holdings, NOW, twoYears } from "../../answers/support.ts";

/** Everything the blocks show, one text per line. */
/** Answers of several kinds over the sample letters (the trend one over two years of Sefton). */
export const SAMPLE_QUESTIONS: [string, typeof twoYears | undefined][] = [
  ["Sefton", undefined],
  ["who had concerns raised?", undefined],
  ["compare Bury and Sefton", undefined],
  ["which councils have the highest upheld rate?", undefined],
  ["what do you hold?", undefined],
  ["how has Sefton changed over the years?", twoYears],
  ["help", undefined],
];

export const shown = (blocks: readonly AnyBlock[]): string => textsOf(blocks).join("\n");

/** Every mrkdwn text object in the blocks (sections, fields, context elements), wherever it is nested. */
export function mrkdwnIn(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnIn);
  if (typeof value !== "object" || value === null) return [];
  const object = value as Record<string, unknown>;
  const own = object.type === "mrkdwn" ? [object] : [];
  return [...own, ...Object.values(object).flatMap(mrkdwnIn)];
}

/**
 * The message is one Slack would accept and shows no Slack markup a user, letter or council name brought in: its
 * texts are escaped, and its mrkdwn is verbatim, so Slack does not turn a bare `@here`, `#channel` or URL into a
 * mention or a link either.
 */
export function expectSlackSafe(message: Message): void {
  expect(checkBlocks(message.blocks)).toEqual([]);
  expect(findUnescaped(message.blocks)).toEqual([]);
  expect(mrkdwnIn(message.blocks).filter((t) => t.verbatim !== true)).toEqual([]);
  expect(findUnescaped(message.text)).toEqual([]);
  expect(findRawCharacters(message.blocks)).toEqual([]);
  expect(findRawCharacters(message.text)).toEqual([]);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(3000);
}

/** How Slack's escaping writes `text`: what a message must contain for a raw string to be shown. */
export const escaped = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** A deep copy of the sample answer to `question`, to edit into the answer a test needs. */
export function sampleAnswer(question: string, held?: Holdings): Answer {
  return structuredClone(answerTo(question, held).answer);
}

let generated: Holdings | undefined;

/**
 * One generated 2020 letter for every council that existed in 2020 (some 300, as the Ombudsman writes), with random
 * figures and 0–3 concerns each: the store a full ingest gives, built once per test file.
 */
export function everyCouncil(): Holdings {
  if (generated) return generated;
  const random = seeded(2020);
  const letters: Letter[] = [];
  for (const authority of authorities.all) {
    if (!existedIn(authority, 2020)) continue;
    const file = `generated/2020/${authority.shortName}.txt`;
    const result = parseLetter(
      writeLetter(randomSpec(random, authorities.all, { authority, year: 2020 })),
      file,
    );
    if (!result.ok) throw result.error;
    letters.push(result.value);
  }
  generated = createHoldings(letters);
  return generated;
}
