import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/index.ts";
import { answerMessage, textsOf } from "../../src/slack/render/index.ts";
import { writeLetter } from "../../testkit/letters.ts";
import { kentIn } from "../fixtures/specs.ts";
import { letterFrom } from "../support/records.ts";
import { answerTo, sampleLetters } from "./support.ts";

/** The 2025 letters' complaint overview (dealt with, not for us, assessed and closed, investigated) in the answers. */

const kent2024 = letterFrom(writeLetter(kentIn(2024)), "data/letters/2024/kent.txt");
const kent2025 = letterFrom(writeLetter(kentIn(2025)), "data/letters/2025/kent.txt");
const held = createHoldings([...sampleLetters, kent2024, kent2025]);
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("the complaint overview of a 2025 letter", () => {
  it("Kent's summary says how many complaints were dealt with, and what became of them, before its rates", () => {
    expect(kent2025.stats.overview).toEqual({
      dealtWith: 291,
      notForUs: 87,
      assessedAndClosed: 128,
      investigated: 76,
    });
    const { answer, text } = answerTo("Kent", held);
    expect(answer.kind).toBe("summary");
    const overview =
      "Complaints dealt with in the year to 31 March 2025: 291, of which 87 not for us or not ready for us to investigate, 128 assessed and closed, 76 investigated.";
    expect(answer.lines[0]).toBe(overview);
    expect(flat(text)).toContain(overview);
    // In Slack too: the overview is not one of the figures shown as fields, so its sentence is kept.
    expect(textsOf(answerMessage(answer).blocks).join(" ")).toContain("291, of which 87 not for us");
  });

  it("“how many complaints did Kent deal with?” is answered with the overview", () => {
    expect(flat(answerTo("how many complaints did Kent deal with?", held).text)).toContain(
      "Complaints dealt with in the year to 31 March 2025: 291,",
    );
  });

  it("a letter before 2025, which has no overview, says nothing of one", () => {
    const { text } = answerTo("Kent 2024", held);
    expect(text).not.toContain("dealt with");
  });

  it("a count the letter does not give is left out, never shown as 0", () => {
    const partial = {
      ...kent2025,
      stats: {
        ...kent2025.stats,
        overview: { dealtWith: 291, notForUs: null, assessedAndClosed: 128, investigated: 76 },
      },
    };
    const { answer } = answerTo("Kent", createHoldings([partial]));
    expect(answer.lines[0]).toBe(
      "Complaints dealt with in the year to 31 March 2025: 291, of which 128 assessed and closed, 76 investigated.",
    );
  });
});
