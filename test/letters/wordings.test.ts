import { describe, expect, it } from "vitest";
import type { Letter } from "../../src/letters/index.ts";
import { type LetterSpec, writeLetter } from "../../testkit/letters.ts";
import { kentIn } from "../fixtures/specs.ts";
import { letterFrom } from "../support/records.ts";

/**
 * The letters are read by meaning, not by one year's sentences: each case rewords one statement of a generated
 * letter the way another year's letter (or a careless conversion) might print it, and the figure must still be read,
 * or be null with a warning, never wrong.
 */

function parsed(text: string): Letter {
  return letterFrom(text, "reworded.txt");
}

/** [what, year, text to find, its rewording, the figure's path, the value expected] */
const CASES: [string, number, string, string, string, number | null][] = [
  [
    "the per-100,000 figure 'for the population of Kent'",
    2024,
    "Adjusted for Kent's population, this is 3.9 upheld decisions per 100,000 residents.",
    "Adjusted for the population of Kent, we made 3.9 upheld decisions per 100,000 residents.",
    "stats.upheld.perHundredThousand.value",
    3.9,
  ],
  [
    "the per-100,000 average 'for county councils'",
    2024,
    "The average for authorities of this type is 4.1 upheld decisions per 100,000 residents.",
    "The average for county councils is 4.1 upheld decisions per 100,000 residents.",
    "stats.upheld.perHundredThousand.similarAverage",
    4.1,
  ],
  [
    "an upheld rate as 'we found fault in'",
    2023,
    "83% of complaints we investigated were upheld.",
    "We found fault in 83% of the complaints we investigated.",
    "stats.upheld.rate",
    83,
  ],
  [
    "an average 'for county councils'",
    2022,
    "This compares to an average of 80% in similar organisations.",
    "This compares to an average of 80% for county councils.",
    "stats.upheld.similarAverage",
    80,
  ],
  [
    "an average as 'compared with an average of'",
    2021,
    "This compares to an average of 80% in similar organisations.",
    "This is compared with an average of 80% across similar authorities.",
    "stats.upheld.similarAverage",
    80,
  ],
  [
    "a remedy rate without 'we found'",
    2024,
    "In 10% of upheld cases we found the organisation had provided a satisfactory remedy before the complaint reached the Ombudsman.",
    "In 10% of upheld cases, the organisation had provided a satisfactory remedy before the complaint came to us.",
    "stats.remedy.rate",
    10,
  ],
  [
    "compliance as 'complied with our recommendations in'",
    2022,
    "In 100% of cases we were satisfied the organisation had successfully implemented our recommendations.",
    "The organisation complied with our recommendations in 100% of cases.",
    "stats.compliance.rate",
    100,
  ],
  [
    "a count as 'complaints upheld'",
    2020,
    "63\nupheld decisions",
    "63 complaints upheld",
    "stats.upheld.count",
    63,
  ],
];

function get(letter: Letter, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k] ?? null, letter);
}

describe("statements reworded", () => {
  for (const [what, year, from, to, path, value] of CASES) {
    it(`${what} (${year}) is read`, () => {
      const text = writeLetter(kentIn(year));
      expect(text.includes(from), `the ${year} letter prints "${from}"`).toBe(true);
      const letter = parsed(text.replace(from, to));
      expect(get(letter, path)).toBe(value);
      expect(letter.warnings).toEqual([]);
    });
  }

  it("a predecessor council on the line above the addressee's name does not win over the addressee", () => {
    const spec: LetterSpec = {
      ...kentIn(2024),
      authority: { name: "North Yorkshire Council", shortName: "North Yorkshire", type: "unitary" },
    };
    const text = writeLetter(spec).replace(
      "Mr Cooper\n",
      "North Yorkshire County Council (now North Yorkshire Council)\nMr Cooper\n",
    );
    const letter = parsed(text);
    expect(letter.id).toBe("north-yorkshire/2024");
  });
});
