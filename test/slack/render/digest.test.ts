import { describe, expect, it } from "vitest";
import { composeDigest, type Digest, type DigestCouncil } from "../../../src/digest/compose.ts";
import { digestMessage } from "../../../src/slack/render/index.ts";
import { holdings } from "../../answers/support.ts";
import { checkBlocks } from "../../support/check-blocks.ts";
import { findUnescaped } from "../../support/find-unescaped.ts";

const NOW = new Date("2026-11-23T09:00:00Z");
const shown = (blocks: unknown) => JSON.stringify(blocks);

function council(i: number, flagged: boolean): DigestCouncil {
  return {
    name: `Council <!channel> ${i} & Co`,
    shortName: `Place ${i} <@U${i}>`,
    type: "district",
    year: 2026,
    letterId: `place-${i}/2026`,
    upheld: { rate: flagged ? 80 : 30, average: 50 },
    compliance: { rate: flagged ? 90 : 100, average: 99 },
    remedy: { rate: 10, average: 12 },
    reasons: flagged ? ["upheld_above_average", "compliance_below_100", "concerns"] : [],
    concerns: flagged
      ? [
          { category: "witness_summons", tone: "concern", summary: "Witness summons issued <!here>" },
          { category: "remedy_delays", tone: "concern", summary: "Remedies late ".repeat(30) },
        ]
      : [],
  };
}

describe("the digest in Slack", () => {
  it("shows the councils needing attention first, with their rates and concerns, and how to ask more", () => {
    const message = digestMessage(
      composeDigest({ holdings, ingested: [], councils: [], since: null, now: NOW }),
    );
    expect(checkBlocks(message.blocks)).toEqual([]);
    const text = shown(message.blocks);
    expect(text).toContain("Ombudsman digest, week of 23 November 2026");
    expect(text).toContain("*Sefton* (2020) — upheld 81% (avg 67%)");
    expect(text).toContain("Witness summons threatened once and issued once");
    expect(text.indexOf("Sefton")).toBeLessThan(text.indexOf("Stockport"));
    // The footer's "<council>" is sent escaped: raw, Slack would read it as a control sequence.
    expect(text).toContain("/ombuds &lt;council&gt;");
    expect(findUnescaped(message.blocks)).toEqual([]);
  });

  it("an unchanged week is one line that says so", () => {
    const digest = composeDigest({
      holdings,
      ingested: [],
      councils: [],
      since: "2026-11-16T09:00:00.000Z",
      now: NOW,
    });
    expect(shown(digestMessage(digest).blocks)).toContain(
      "Nothing new since the last digest (16 November 2026).",
    );
  });

  it("with hundreds of councils it summarises within Block Kit's limits and escapes every name", () => {
    const councils = [
      ...Array.from({ length: 300 }, (_, i) => council(i, true)),
      ...Array.from({ length: 300 }, (_, i) => council(300 + i, false)),
    ];
    const digest: Digest = {
      title: "Ombudsman digest, week of 23 November 2026",
      generatedAt: NOW.toISOString(),
      since: "2026-11-16T09:00:00.000Z",
      watchList: null,
      newLetters: councils.map((c) => ({
        id: c.letterId,
        name: c.name,
        shortName: c.shortName,
        year: 2026,
        change: "added" as const,
      })),
      councils,
      counts: { councils: 600, upheldAboveAverage: 300, complianceBelow100: 300, withConcerns: 300 },
      missing: Array.from({ length: 200 }, (_, i) => `Missing <!everyone> ${i}`),
      unchanged: false,
    };
    const message = digestMessage(digest);
    expect(checkBlocks(message.blocks)).toEqual([]);
    expect(findUnescaped(message.blocks)).toEqual([]);
    expect(findUnescaped(message.text)).toEqual([]);
    expect(shown(message.blocks)).toMatch(/…and \d+ more needing attention/);
    expect(shown(message.blocks)).toMatch(/and \d+ more/);
  });
});
