import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer, AuthorityRef } from "../../../src/answers/index.ts";
import { answerMessage, homeView } from "../../../src/slack/render/index.ts";
import { checkBlocks } from "../../support/check-blocks.ts";
import { findUnescaped } from "../../support/find-unescaped.ts";
import { expectSlackSafe, SAMPLE_QUESTIONS, sampleAnswer } from "./support.ts";

/**
 * For any text in an answer's title, lines, quotes, summaries, council names, notes and suggestions, and any
 * question, the message is within Block Kit's limits and shows no Slack markup.
 */

const MARKUP = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U123>",
  "<#C1|general>",
  "<https://evil.example|x>",
  "<script>",
];

/** Text as it might come: anything at all, Slack markup, mrkdwn's own characters, and long runs. */
const fragment = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(...MARKUP),
  fc.constantFrom(
    " ",
    "\n",
    "\t",
    "*",
    "_",
    "~",
    "`",
    "```",
    ">",
    "<",
    "&",
    "&amp;",
    "…",
    "😀",
    "\u200d",
    "",
  ),
);
const text = fc.oneof(
  { weight: 4, arbitrary: fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.tuple(fragment, fc.integer({ min: 1, max: 600 })).map(([f, n]) => f.repeat(n)) },
);
const texts = (maxLength: number) => fc.array(text, { maxLength });

const BASES = SAMPLE_QUESTIONS.filter(([question]) => question !== "help");

const edits = fc.record({
  base: fc.constantFrom(...BASES),
  title: text,
  lines: texts(12),
  name: text,
  shortName: text,
  quote: text,
  summary: text,
  caveats: texts(15),
  suggestions: texts(10),
  question: text,
  share: fc.boolean(),
});

describe("for arbitrary text in an answer", () => {
  it("the message is within Block Kit's limits and has no unescaped markup", () => {
    fc.assert(
      fc.property(edits, (e) => {
        const answer: Answer = sampleAnswer(...e.base);
        const authority = (a: AuthorityRef) => ({
          ...a,
          name: a.name + e.name,
          shortName: e.shortName + a.shortName,
        });
        answer.title = e.title;
        answer.lines = e.lines;
        answer.councils = answer.councils.map((c) => ({ ...c, authority: authority(c.authority) }));
        answer.concerns = answer.concerns.map((c) => ({
          ...c,
          authority: authority(c.authority),
          quote: e.quote,
          summary: e.summary,
        }));
        if (answer.ranking)
          answer.ranking.rows = answer.ranking.rows.map((r) => ({ ...r, authority: authority(r.authority) }));
        if (answer.holdings)
          answer.holdings.withConcerns = answer.holdings.withConcerns.map((n) => e.shortName + n);
        answer.notes = e.caveats.map((text) => ({ code: "small_base" as const, text }));
        answer.suggestions = e.suggestions;
        const message = answerMessage(answer, e.share ? { share: { question: e.question } } : {});
        expectSlackSafe(message);
      }),
      { numRuns: 200 },
    );
  });
});

describe("for arbitrary text in the App Home tab", () => {
  it("the view is within Block Kit's limits and has no unescaped markup", () => {
    fc.assert(
      fc.property(
        fc.record({
          lastIngest: fc.option(text),
          withConcerns: fc.array(fc.record({ shortName: text, year: fc.integer(), summaries: texts(4) }), {
            maxLength: 80,
          }),
          examples: texts(20),
          notes: fc.option(texts(8), { nil: undefined }),
          years: fc.array(fc.integer({ min: 1900, max: 2100 }), { maxLength: 50 }),
        }),
        (input) => {
          const view = homeView({ letters: 1, councils: 1, ...input });
          expect(checkBlocks(view.blocks, { maxBlocks: 100 })).toEqual([]);
          expect(findUnescaped(view.blocks)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
