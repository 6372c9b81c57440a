import { describe, expect, it } from "vitest";
import { composeDigest, Digest } from "../../src/digest/compose.ts";
import { renderDigestText } from "../../src/digest/text.ts";
import type { Ingested } from "../../src/store/schema.ts";
import { holdings, sampleLetters as letters } from "../answers/support.ts";

const NOW = new Date("2026-11-23T09:00:00Z");
const ingestedAt = (at: string, ids = letters.map((l) => l.id)): Ingested[] =>
  ids.map((id) => ({ id, at, change: "added" as const }));

describe("composing a digest", () => {
  it("for all councils: each rate against its average, with councils needing attention first", () => {
    const digest = Digest.parse(
      composeDigest({
        holdings,
        ingested: ingestedAt("2026-11-20T10:00:00.000Z"),
        councils: [],
        since: null,
        now: NOW,
      }),
    );
    expect(digest.watchList).toBeNull();
    expect(digest.counts).toEqual({
      councils: 5,
      upheldAboveAverage: 1,
      complianceBelow100: 0,
      withConcerns: 2,
    });
    expect(digest.councils.map((c) => c.shortName)).toEqual([
      "Sefton",
      "Bury",
      "Bromsgrove",
      "Stockport",
      "Bath and North East Somerset",
    ]);
    expect(digest.councils[0]).toMatchObject({
      reasons: ["upheld_above_average", "concerns"],
      upheld: { rate: 81, average: 67 },
      remedy: { rate: 23, average: 11 },
    });
    expect(digest.councils[1]?.concerns.map((c) => c.category)).toEqual(["remedy_delays"]);
  });

  it("a watch list covers only its councils, and names those the bot holds no letter for", () => {
    const digest = composeDigest({
      holdings,
      ingested: ingestedAt("2026-11-20T10:00:00.000Z"),
      councils: ["Stockport Metropolitan Borough Council", "Cornwall Council"],
      since: null,
      now: NOW,
    });
    expect(digest.councils.map((c) => c.shortName)).toEqual(["Stockport"]);
    expect(digest.missing).toEqual(["Cornwall Council"]);
    expect(digest.counts.councils).toBe(1);
  });

  it("says what is new since the channel's last digest", () => {
    const ingested = [
      ...ingestedAt("2026-11-01T10:00:00.000Z", ["bury/2020", "stockport/2020"]),
      { id: "sefton/2020", at: "2026-11-20T10:00:00.000Z", change: "updated" as const },
    ];
    const digest = composeDigest({
      holdings,
      ingested,
      councils: [],
      since: "2026-11-16T09:00:00.000Z",
      now: NOW,
    });
    expect(digest.newLetters).toEqual([
      {
        id: "sefton/2020",
        name: "Sefton Metropolitan Borough Council",
        shortName: "Sefton",
        year: 2020,
        change: "updated",
      },
    ]);
    expect(digest.unchanged).toBe(false);
    expect(renderDigestText(digest)).toContain(
      "New since 16 November 2026: 1 letter (Sefton 2020 (updated))",
    );
  });

  it("an unchanged week says so in one line", () => {
    const digest = composeDigest({
      holdings,
      ingested: ingestedAt("2026-11-01T10:00:00.000Z"),
      councils: [],
      since: "2026-11-16T09:00:00.000Z",
      now: NOW,
    });
    expect(digest.unchanged).toBe(true);
    expect(renderDigestText(digest)).toContain("Nothing new since the last digest (16 November 2026).");
  });

  it("as text: the figures, the reasons, the concerns, and how to ask more", () => {
    const text = renderDigestText(
      composeDigest({ holdings, ingested: [], councils: [], since: null, now: NOW }),
    );
    expect(text).toContain("Ombudsman digest, week of 23 November 2026");
    expect(text).toMatch(/Sefton 2020\s+upheld 81% \(avg 67%\)/);
    expect(text).toContain("complaints upheld above the similar-authority average; concerns raised");
    expect(text).toContain("! Witness summons: Witness summons threatened once and issued once");
    expect(text).toContain("Bath and North East Somerset 2020  upheld n/a");
    expect(text).toContain("Ask more: /ombuds <council>");
  });
});
