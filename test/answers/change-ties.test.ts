import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/holdings.ts";
import type { Letter } from "../../src/letters/schema.ts";
import { answerTo, sampleLetters } from "./support.ts";

/* Councils whose figure changed by as much share a place in a change ranking, as in every ranking. */
function a2021(shortName: string, upheld: number): Letter {
  const letter = sampleLetters.find((l) => l.authority.shortName === shortName);
  if (!letter?.stats.upheld) throw new Error(`${shortName}'s sample has an upheld rate`);
  return {
    ...letter,
    id: letter.id.replace("2020", "2021"),
    year: 2021,
    stats: { ...letter.stats, upheld: { ...letter.stats.upheld, rate: upheld } },
  };
}

// 2020: Bury 40%, Sefton 81%, Stockport 59%. 2021: each down, Bury and Sefton by 10 points, Stockport by 5.
const held = createHoldings([
  ...sampleLetters,
  a2021("Bury", 30),
  a2021("Sefton", 71),
  a2021("Stockport", 54),
]);

describe("ties in a change ranking", () => {
  it("two councils down by the same points share first place, and the next is third", () => {
    const { answer } = answerTo("which councils improved most since 2020?", held);
    expect(answer.lines.filter((l) => /^=?\d+\./.test(l))).toEqual([
      "=1. Bury: 40% in 2020 to 30% in 2021 (down 10 points, better)",
      "=1. Sefton: 81% in 2020 to 71% in 2021 (down 10 points, better)",
      "3. Stockport: 59% in 2020 to 54% in 2021 (down 5 points, better)",
    ]);
  });

  it("from the bottom, the tie is shared too", () => {
    const { answer } = answerTo("which councils improved the least since 2020?", held);
    expect(answer.lines.filter((l) => /^=?\d+\./.test(l)).map((l) => l.split(":")[0])).toEqual([
      "1. Stockport",
      "=2. Bury",
      "=2. Sefton",
    ]);
  });

  it("from the bottom, a change over few cases is said to be one (Bromsgrove: 5 investigations)", () => {
    const withBromsgrove = createHoldings([...held.letters, a2021("Bromsgrove", 60)]);
    const { answer } = answerTo("which councils improved the least since 2020?", withBromsgrove);
    expect(answer.lines).toContainEqual(expect.stringMatching(/^1\. Bromsgrove: 40% in 2020 to 60% in 2021/));
    expect(answer.notes).toContainEqual({
      code: "small_base",
      text: expect.stringContaining("Fewer than 10 investigations in one of the years: Bromsgrove"),
    });
  });
});
