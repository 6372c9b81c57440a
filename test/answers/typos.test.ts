import fc from "fast-check";
import { distance } from "fastest-levenshtein";
import { describe, expect, it } from "vitest";
import { allowedDistance, nearest } from "../../src/answers/councils.ts";
import type { Authority, AuthorityIndex } from "../../src/authorities/index.ts";
import { answerTo, authorities } from "./support.ts";

/** What `nearest` means: every one-word name compared, in the reference list's order. */
function everyName(word: string, index: AuthorityIndex, limit: number): Authority[] {
  let best = limit + 1;
  let found: Authority[] = [];
  for (const { key, authority } of index.keys) {
    if (key.includes(" ")) continue;
    const d = distance(word, key);
    if (d < best) {
      best = d;
      found = [authority];
    } else if (d === best && !found.includes(authority)) found.push(authority);
  }
  return best <= limit ? found : [];
}

const oneWordNames = authorities.keys.map((k) => k.key).filter((key) => !key.includes(" "));
const letter = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0-".split(""));
/** A one-word name with up to three slips: letters dropped, changed or added. */
const typo = fc
  .tuple(
    fc.constantFrom(...oneWordNames),
    fc.array(fc.tuple(fc.constantFrom("drop", "change", "add"), fc.nat(), letter), { maxLength: 3 }),
  )
  .map(([name, slips]) =>
    slips.reduce((word, [slip, at, c]) => {
      const i = at % (word.length + 1);
      if (slip === "drop") return word.slice(0, i) + word.slice(i + 1);
      if (slip === "change") return word.slice(0, i) + c + word.slice(i + 1);
      return word.slice(0, i) + c + word.slice(i);
    }, name),
  )
  .filter((word) => word.length > 0);

describe("a council named with a typo", () => {
  it("is the nearest one-word name, with ties in the reference list's order, as comparing every name gives", () => {
    fc.assert(
      fc.property(typo, (word) => {
        const limit = allowedDistance(word.length);
        expect(nearest(word, authorities)).toEqual(limit === 0 ? [] : everyName(word, authorities, limit));
      }),
      { numRuns: 3000 },
    );
  });

  it("is found for the typos officers make", () => {
    for (const [word, council] of [
      ["seftn", "Sefton"],
      ["stockprt", "Stockport"],
      ["birmingam", "Birmingham"],
      ["northumbrland", "Northumberland"],
    ] as const)
      expect(nearest(word, authorities).map((a) => a.shortName)).toEqual([council]);
  });
});

describe("an everyday word spelt right is no typo for a council, nor an unknown council", () => {
  it.each([
    ["CE wants sefton's compliance rate", "Sefton"],
    ["boss wants bury figures", "Bury"],
    ["rather than bury, how is stockport doing", "Bury"],
  ])("“%s” names %s and no other", (question, council) => {
    const { answer } = answerTo(question);
    expect(answer.question.councils.map((c) => c.shortName)).toContain(council);
    expect(answer.question.councils.map((c) => c.shortName)).not.toContain("Hampshire");
    expect(answer.didYouMean).toEqual([]);
    expect(answer.question.ambiguous).toEqual([]);
    expect(answer.question.unknown).toEqual([]);
  });

  it.each(["what's the weather", "did the ombudsman ask to meet anyone"])(
    "“%s” names no council, known or unknown",
    (question) => {
      const { answer } = answerTo(question);
      expect(answer.question.councils).toEqual([]);
      expect(answer.question.ambiguous).toEqual([]);
      expect(answer.question.unknown).toEqual([]);
    },
  );

  it("“did the ombudsman ask to meet anyone” asks for the requests to meet", () => {
    expect(answerTo("did the ombudsman ask to meet anyone").answer.question.category).toBe(
      "meeting_requested",
    );
  });

  it("a misspelt name is still found, and a name we do not know is still said to be unknown", () => {
    expect(answerTo("how does seftn compare with similar councils").answer.didYouMean).toMatchObject([
      { name: "Sefton Metropolitan Borough Council" },
    ]);
    expect(answerTo("narnia upheld rate").answer.question.unknown.map((u) => u.words)).toEqual(["narnia"]);
  });
});
