import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/holdings.ts";
import { answerTo, sampleLetters, seftonLetterOf2021 } from "./support.ts";

/*
 * What the figures say, where the words alone would not: a letter that prints "n/a" for an average has none to
 * compare with, and a compliance rate below 100% is recommendations not complied with, whatever the paragraphs say.
 */
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

describe("compliance failures are read from the figures as well as the paragraphs", () => {
  const letter2021 = seftonLetterOf2021();
  const compliance = letter2021.stats.compliance;
  if (!compliance) throw new Error("Sefton's 2021 letter has a compliance rate");
  const partly = { ...letter2021, stats: { ...letter2021.stats, compliance: { ...compliance, rate: 80 } } };
  const withFailure = createHoldings([...sampleLetters, partly]);

  it("“which councils failed to comply with recommendations?” names the letters whose rate is below 100%", () => {
    const { answer } = answerTo("which councils failed to comply with recommendations in 2021?", withFailure);
    expect(answer.lines).toContain(
      "By their figures, one 2021 letter gives a compliance rate below 100%: Sefton 80% (of 10 outcomes).",
    );
  });

  it("a council's own: its rate below 100% is said, though no paragraph raises it", () => {
    const { answer } = answerTo("did Sefton fail to comply with recommendations in 2021?", withFailure);
    expect(answer.lines).toContain(
      "Its compliance rate is 80% of 10 outcomes: not every recommendation was complied with.",
    );
  });

  it("full compliance adds nothing", () => {
    const { answer } = answerTo("did Sefton fail to comply with recommendations in 2021?", held);
    expect(answer.lines.some((l) => l.startsWith("Its compliance rate"))).toBe(false);
  });
});
