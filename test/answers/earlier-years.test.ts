import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/holdings.ts";
import { answerTo, sampleLetters, seftonLetterOf2021 } from "./support.ts";

/*
 * A quiet latest year is not "never": the 2020 samples, and a 2021 letter to Sefton that raises nothing (as the
 * first letters of a new round would). Asked with no year, the latest year is answered and the earlier letters
 * that raised the subject are named; "ever", "in total" and "over the years" cover every letter held.
 */
const quiet2021 = { ...seftonLetterOf2021(), concerns: [] };
const held = createHoldings([...sampleLetters, quiet2021]);
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("concerns asked with no year", () => {
  it("none in the latest year: says so, and names the earlier letters that raised it", () => {
    const { answer, text } = answerTo("who had witness summonses?", held);
    expect(answer.kind).toBe("concerns");
    expect(answer.lines).toEqual([
      "No 2021 letter I hold raises a witness summons (1 letter).",
      "Earlier letters that did: Sefton (2020).",
    ]);
    expect(flat(text)).toContain("any concerns for Sefton?");
  });

  it("some in the latest year: only that year, as before", () => {
    const { answer } = answerTo("who had witness summonses?", createHoldings(sampleLetters));
    expect(answer.lines[0]).toMatch(/^1 of the 5 councils with a 2020 letter: Sefton\.$/);
    expect(answer.lines.some((l) => l.startsWith("Earlier letters"))).toBe(false);
  });
});

describe("'ever', 'in total' and 'over the years' cover every letter held", () => {
  it.each([
    "any witness summons ever",
    "how many witness summonses in total",
    "witness summonses over the years",
  ])("“%s” covers 2020 to 2021", (question) => {
    const { answer } = answerTo(question, held);
    expect(answer.applied.years).toEqual({ from: 2020, to: 2021 });
    expect(answer.lines).toEqual(["1 of the 5 councils with a letter of 2020 to 2021: Sefton (2020)."]);
  });

  it("a council's letters that raise nothing are said in one line, after those that do", () => {
    const { answer } = answerTo("has sefton ever had a witness summons?", held);
    expect(answer.lines).toEqual([
      "The 2020 letter to Sefton: witness summons threatened once and issued once.",
      "Its 2021 letter raises no witness summons.",
    ]);
  });

  it("none in any of a council's letters: one line, not a line a letter", () => {
    const { answer } = answerTo("has sefton ever had a public report?", held);
    expect(answer.lines).toEqual([
      "None of the 2 letters to Sefton I hold, 2020 to 2021, raises a public report.",
    ]);
  });
});
