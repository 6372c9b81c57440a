import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/holdings.ts";
import { answerTo, sampleLetters, seftonLetterOf2021 } from "./support.ts";

/*
 * A name that could be several councils ("Somerset": Somerset Council, or the county council it replaced in 2023)
 * asks which, unless only one of them has letters held: then it is that one, and a note names the others.
 */
const somerset2024 = {
  ...seftonLetterOf2021(),
  id: "somerset/2024",
  year: 2024,
  authority: { name: "Somerset Council", shortName: "Somerset", type: "unitary" as const },
};
const held = createHoldings([...sampleLetters, somerset2024]);

describe("an ambiguous name with one council of it held", () => {
  it.each(["Somerset", "somerset upheld", "how does Somerset compare with similar councils?"])(
    "“%s” is answered for that council, and says what else it could be",
    (question) => {
      const { answer, text } = answerTo(question, held);
      expect(answer.kind).not.toBe("ambiguous");
      expect(answer.question.councils.map((c) => c.name)).toEqual(["Somerset Council"]);
      expect(answer.notes).toContainEqual({
        code: "chosen_council",
        text: expect.stringContaining(
          "could also be Somerset County Council; I hold letters only for Somerset Council",
        ),
      });
      expect(text).toContain("Somerset");
    },
  );

  it("with none of it held, it still asks which", () => {
    const { answer } = answerTo("Somerset");
    expect(answer.kind).toBe("ambiguous");
    expect(answer.question.chosen).toEqual([]);
  });
});
