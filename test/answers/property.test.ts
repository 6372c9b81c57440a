import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Answer, ask, type Holdings } from "../../src/answers/index.ts";
import { renderAnswer } from "../../src/cli/answer.ts";
import type { HeldLetter, Metric } from "../../src/letters/index.ts";
import { authorities, holdings, NOW, twoYears } from "./support.ts";

/**
 * Whatever a person types into Slack, `ask` returns an `Answer` that the schema accepts, never throws, and shows no
 * figure its letters do not give; `renderAnswer` prints it without throwing.
 */

const COUNCILS = [
  "Sefton",
  "Bury",
  "Stockport",
  "Bromsgrove",
  "Bath and North East Somerset",
  "BANES",
  "B&NES",
  "Sefton MBC",
  "Bury's",
  "STOCKPORT'S",
  "Seftn",
  "Stockprt",
  "Somerset",
  "Cornwall",
  "Atlantis",
  "Newcastle",
  "London Borough of Camden",
  "Reading",
  "reading",
];
const WORDS = [
  "what's",
  "upheld",
  "rate",
  "compliance",
  "satisfactory remedy",
  "compare",
  "vs",
  "and",
  "similar",
  "above average",
  "below average",
  "top 3",
  "bottom",
  "lowest",
  "highest",
  "which councils",
  "who had",
  "concerns",
  "witness summons",
  "late remedies",
  "praise",
  "trend",
  "over the years",
  "mean",
  "define",
  "help",
  "what do you hold",
  "metropolitan boroughs",
  "districts",
  "2019",
  "2020",
  "2021",
  "2020/21",
  "last year",
  "0",
  "999",
  "?",
  "???",
  "'s",
  "—",
];
const MARKUP = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U123>",
  "<@U123|someone>",
  "<#C42|general>",
  "<https://x|label>",
  "<https://x|Sefton>",
  "<https://example.com/a?b=c>",
  "<mailto:a@b.c|mail>",
  "<!subteam^S123|@team>",
  "<",
  ">",
  "<<>>",
  "*bold*",
  "_italic_",
  "~strike~",
  "`code`",
  "```block```",
  "&lt;&gt;&amp;",
  "/ombuds",
];
const EMOJI = [
  "😀",
  "👍🏽",
  "👨‍👩‍👧‍👦",
  "🏴󠁧󠁢󠁥󠁮󠁧󠁿",
  "🇬🇧",
  ":tada:",
  "e\u0301",
  "\u200b",
  "\u202e",
  "\ufeff",
  "\ud800",
  "\udfff",
];

const piece = fc.oneof(
  fc.constantFrom(...COUNCILS),
  fc.constantFrom(...WORDS),
  fc.constantFrom(...MARKUP),
  fc.constantFrom(...EMOJI),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);
const separator = fc.constantFrom(" ", "", "  ", "\n", "\t", ", ", "'", "-", "/", "\u00a0");

/** Council names, question words, markup, emoji and random text run together. */
const mixture = fc
  .array(fc.tuple(piece, separator), { maxLength: 24 })
  .map((parts) => parts.map(([p, s]) => p + s).join(""));

const anyText = fc.oneof(
  { weight: 4, arbitrary: mixture },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme" }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme-composite" }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary" }) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\n", "?", "'s", "<>", "<!channel>", "<@U123>") },
);

/** About 10 KB: the same mixture repeated until it is that long. */
const tenKilobytes = fc
  .tuple(mixture, fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }))
  .map(([a, b]) => {
    const unit = `${a} ${b} `;
    return unit.repeat(Math.ceil(10_240 / unit.length)).slice(0, 10_240);
  });

function letterOf(held: Holdings, shortName: string, year: number): HeldLetter | undefined {
  return held.letters.find((l) => l.authority.shortName === shortName && l.year === year);
}

/** Every figure in the answer is the one its letter gives, and a letter without statistics shows none. */
function expectOnlyLetterFigures(answer: Answer, held: Holdings): void {
  for (const council of answer.councils) {
    const letter = letterOf(held, council.authority.shortName, council.source.year);
    expect(letter, council.authority.name).toBeDefined();
    if (council.noStatistics) expect(council.rates).toEqual([]);
    for (const fact of council.rates) {
      const stat = letter?.stats[fact.metric as Metric];
      // A rate over no cases is not calculable: never shown as the 0% a letter may print.
      expect(fact.rate).toBe(fact.noCases ? null : (stat?.rate ?? null));
      expect(fact.average).toBe(stat?.similarAverage ?? null);
    }
  }
  for (const row of answer.ranking?.rows ?? []) {
    const letter = letterOf(held, row.authority.shortName, row.source.year);
    const measure = answer.ranking?.measure;
    expect(row.rate).toBe(
      measure === "perResidents"
        ? letter?.stats.upheld?.perHundredThousand?.value
        : letter?.stats[measure as Metric]?.rate,
    );
  }
}

function check(text: string, held: Holdings): void {
  const answer = ask(text, held, { authorities, now: NOW });
  const parsed = Answer.safeParse(answer);
  if (!parsed.success)
    throw new Error(`not a valid Answer for ${JSON.stringify(text)}: ${parsed.error.message}`);
  expectOnlyLetterFigures(answer, held);
  const rendered = renderAnswer(answer);
  expect(typeof rendered).toBe("string");
  expect(rendered.length).toBeGreaterThan(0);
}

describe("any text gets an answer", () => {
  it("any string, Slack markup, emoji and council names mixed with random words: a valid Answer, never a throw", () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (text, second) => check(text, second ? twoYears : holdings)),
      { numRuns: 1000 },
    );
  });

  it("about 10 KB of text gets a valid Answer too", () => {
    fc.assert(
      fc.property(tenKilobytes, (text) => {
        expect(text.length).toBe(10_240);
        check(text, holdings);
      }),
      { numRuns: 50 },
    );
  });

  it("the edge cases by name: empty, markup alone, lone surrogates, control characters", () => {
    for (const text of [
      "",
      "<!channel>",
      "<@U123> <https://x|label>",
      "<https://x|Sefton> upheld",
      "\ud800\udfff\ud800",
      "\u0000\u0001\u001b[31m",
      "Sefton\u0000upheld",
      "👨‍👩‍👧‍👦 Bury 👍🏽 vs Stockport 🇬🇧",
      "x".repeat(10_240),
      "Sefton ".repeat(2_000),
      "compare ".repeat(1_500),
    ]) {
      check(text, holdings);
    }
  });
});
