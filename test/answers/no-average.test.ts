import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/holdings.ts";
import { answerTo, sampleLetters, seftonLetterOf2021 } from "./support.ts";

/* A letter that prints "n/a" for an average: asked "above average?", the answer says there is none to compare with. */
const letter = seftonLetterOf2021();
const upheld = letter.stats.upheld;
if (!upheld) throw new Error("Sefton's 2021 letter has an upheld rate");
const noAverage = { ...letter, stats: { ...letter.stats, upheld: { ...upheld, similarAverage: null } } };
const held = createHoldings([...sampleLetters, noAverage]);

describe("a rate whose letter gives no average", () => {
  it("“is Sefton above average on upheld?” says the letter gives no average to compare with", () => {
    const { answer } = answerTo("is Sefton above average on upheld?", held);
    expect(answer.lines).toContainEqual(
      expect.stringMatching(
        /^Complaints upheld: 75%, and the letter gives no similar-authority average to compare it with\b/,
      ),
    );
  });

  it("a rate with its average still says how far above or below it is", () => {
    const { answer } = answerTo("is Sefton above average on compliance?", held);
    expect(answer.lines).toContainEqual(
      expect.stringMatching(
        /^Compliance with recommendations: 100%, level with the similar-authority average of 100%/,
      ),
    );
  });
});
