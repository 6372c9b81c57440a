import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/holdings.ts";
import type { Ingested } from "../../src/store/schema.ts";
import { answerTo, sampleLetters, seftonLetterOf2021 } from "./support.ts";

/*
 * "What's new?" says which letters arrived last, from the store's ingest log: by the day they arrived (UK time),
 * newest first, each council with its years; an update is a letter read again from a changed file.
 */

const letters = [...sampleLetters, seftonLetterOf2021()];
const log: Ingested[] = [
  ...sampleLetters.map((l) => ({ id: l.id, at: "2026-11-02T10:00:00.000Z", change: "added" as const })),
  { id: "sefton/2021", at: "2026-11-30T23:30:00.000Z", change: "added" },
  { id: "bury/2020", at: "2026-11-30T23:45:00.000Z", change: "updated" },
  // Logged once for a letter no longer held: never named.
  { id: "kent/2025", at: "2026-12-01T08:00:00.000Z", change: "added" },
];
const held = createHoldings(letters, log);

describe("what's new", () => {
  it.each(["what's new?", "any new letters?", "recently added letters", "what came in recently"])(
    "“%s” lists the letters that arrived last, by the day (UK time), newest first",
    (question) => {
      const { answer, text } = answerTo(question, held);
      expect(answer.kind).toBe("holdings");
      expect(answer.title).toBe("What's new");
      // 23:30 UTC on 30 November is 30 November in London in winter; Bury's update was its second arrival.
      expect(answer.lines).toContain("Latest to arrive:");
      expect(answer.lines).toContain(
        "• 30 November 2026: 1 letter added, for Sefton (2021); 1 letter updated, for Bury (2020)",
      );
      expect(answer.lines).toContain(
        "• 2 November 2026: 4 letters added, for Bath and North East Somerset (2020), Bromsgrove (2020), Sefton (2020) and Stockport (2020)",
      );
      expect(text).not.toContain("Kent");
      expect(answer.holdings?.arrivals.map((a) => [a.authority, a.year, a.change])).toEqual([
        ["Bury Metropolitan Borough Council", 2020, "updated"],
        ["Sefton Metropolitan Borough Council", 2021, "added"],
        ["Bath and North East Somerset Council", 2020, "added"],
        ["Bromsgrove District Council", 2020, "added"],
        ["Sefton Metropolitan Borough Council", 2020, "added"],
        ["Stockport Metropolitan Borough Council", 2020, "added"],
      ]);
    },
  );

  it("a day in summer is the day in London (BST), not in UTC", () => {
    const summer = createHoldings(sampleLetters, [
      { id: "bury/2020", at: "2026-07-14T23:30:00.000Z", change: "added" },
    ]);
    expect(answerTo("what's new?", summer).answer.lines).toContain(
      "• 15 July 2026: 1 letter added, for Bury (2020)",
    );
  });

  it("a council's consecutive years are one run, others listed", () => {
    const at = "2026-12-01T09:00:00.000Z";
    const years = [2020, 2021, 2022, 2024].map((year) => ({
      ...seftonLetterOf2021(),
      id: `sefton/${year}`,
      year,
    }));
    const many = createHoldings(
      years,
      years.map((l) => ({ id: l.id, at, change: "added" as const })),
    );
    expect(answerTo("what's new?", many).answer.lines).toContain(
      "• 1 December 2026: 4 letters added, for Sefton (2020–2022 and 2024)",
    );
  });

  it("only the three latest days are named, and how many letters arrived before them", () => {
    const days = ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05"];
    const many = createHoldings(
      sampleLetters,
      sampleLetters.map((l, i) => ({ id: l.id, at: `${days[i]}T12:00:00.000Z`, change: "added" as const })),
    );
    const lines = answerTo("what's new?", many).answer.lines;
    expect(lines.filter((l) => l.startsWith("• "))).toHaveLength(3);
    expect(lines[lines.length - 1]).toBe("… and 2 letters before that.");
  });

  it("without an ingest log it says it has no record of arrivals, rather than inventing one", () => {
    const { answer } = answerTo("what's new?", createHoldings(sampleLetters));
    expect(answer.lines).toContain(
      "I have no record of when these letters arrived (the store keeps no ingest log for them).",
    );
    expect(answer.holdings?.arrivals).toEqual([]);
  });

  it("“list councils” says what is held and nothing of arrivals", () => {
    const { answer } = answerTo("list councils", held);
    expect(answer.title).toBe("What I hold");
    expect(answer.lines).not.toContain("Latest to arrive:");
  });
});
