import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { Answer, AuthorityRef, ConcernFact, CouncilFacts } from "../../../src/answers/index.ts";
import { answerMessage, type Message, SHARE_ACTION } from "../../../src/slack/render/index.ts";
import { checkBlocks } from "../../support/check-blocks.ts";
import { answerTo, everyCouncil, expectSlackSafe, sampleAnswer, shown, twoYears } from "./support.ts";

/**
 * Block Kit's limits hold whatever an answer holds: hundreds of councils in a ranking, concerns for every council,
 * a question of 10 KB, hundreds of suggestions, a title of 500 characters. Each part of the message shows what fits
 * its share of the 50 blocks and says how many it leaves out.
 */

const authority = (i: number): AuthorityRef => ({
  name: `Council Number ${i} Metropolitan Borough Council`,
  shortName: `Council ${i}`,
  type: "metropolitan_borough",
});

const sefton = sampleAnswer("Sefton");
const seftonFacts = sefton.councils[0] as CouncilFacts;
const seftonConcerns = sefton.concerns;

function concernsFor(councils: number, each = 2): ConcernFact[] {
  return Array.from({ length: councils }, (_, i) =>
    seftonConcerns.slice(0, each).map((c) => ({ ...c, authority: authority(i + 1) })),
  ).flat();
}

function rankingOf(rows: number, total: number): NonNullable<Answer["ranking"]> {
  const ranking = sampleAnswer("which councils have the highest upheld rate?").ranking;
  if (!ranking) throw new Error("the sample ranking has no rows");
  const row = ranking.rows[0] as NonNullable<Answer["ranking"]>["rows"][number];
  return {
    ...ranking,
    total,
    rows: Array.from({ length: rows }, (_, i) => ({
      ...row,
      authority: authority(i + 1),
      rate: 100 - (i % 100),
    })),
  };
}

/** The number N in the message's "…and N more", or null when it leaves nothing out. */
function leftOut(message: Message, what = ""): number | null {
  const match = new RegExp(`…and (\\d+) more${what}`).exec(shown(message.blocks));
  return match ? Number(match[1]) : null;
}

const count = (message: Message, pattern: RegExp) => shown(message.blocks).match(pattern)?.length ?? 0;

describe("a ranking of 400 councils", () => {
  const answer = sampleAnswer("which councils have the highest upheld rate?");
  answer.ranking = rankingOf(400, 450);
  const message = answerMessage(answer, {});

  it("is within Block Kit's limits", () => {
    expectSlackSafe(message);
  });

  it("shows the first rows, compactly (many rows to a section), and says how many it leaves out", () => {
    const rows = count(message, /^\d+\. \*Council \d+\*/gm);
    expect(rows).toBeGreaterThan(100);
    expect(shown(message.blocks)).toContain("1. *Council 1* `100% ██████████` avg 67%");
    expect(leftOut(message, "; ask about one council for its details")).toBe(450 - rows);
  });
});

describe("concerns for 300 councils", () => {
  const answer = sampleAnswer("who had concerns raised?");
  answer.concerns = concernsFor(300);
  const message = answerMessage(answer, {});

  it("are within Block Kit's limits", () => {
    expectSlackSafe(message);
  });

  it("are listed a line each, without quotes, the first of them shown and the rest counted", () => {
    const lines = count(message, /^:(?:warning|white_check_mark): (?:Concern|Praise) · \*Council \d+\*/gm);
    expect(lines).toBeGreaterThan(40);
    expect(leftOut(message, "; ask about one council for its details")).toBe(600 - lines);
    expect(shown(message.blocks)).not.toContain("“Happily");
  });

  it("of one council, with quotes, show the first of them and say how many more the letter has", () => {
    const one = sampleAnswer("any concerns for Sefton?");
    one.concerns = Array.from({ length: 60 }, () => seftonConcerns).flat();
    const msg = answerMessage(one, {});
    expectSlackSafe(msg);
    const quotes = count(msg, /^>“/gm);
    expect(quotes).toBeGreaterThan(5);
    expect(leftOut(msg, " in the letter")).toBe(300 - quotes);
  });
});

describe("figures for 300 councils side by side", () => {
  it("show the first councils and say how many are left out", () => {
    const answer = sampleAnswer("compare Bury and Sefton");
    answer.councils = Array.from({ length: 300 }, (_, i) => ({
      ...seftonFacts,
      authority: authority(i + 1),
    }));
    const message = answerMessage(answer, {});
    expectSlackSafe(message);
    const councils = count(message, /^\*Council Number \d+ Metropolitan Borough Council\* \(2020\)$/gm);
    expect(leftOut(message, " councils; ask about one council for its details")).toBe(300 - councils);
  });
});

describe("a 10 KB question", () => {
  it("is cut in the share button's value to keep the JSON within 2,000 characters", () => {
    const question = `how does Sefton compare ${"with similar councils ".repeat(500)}`;
    expect(question.length).toBeGreaterThan(10_000);
    const message = answerMessage(sefton, { share: { question } });
    expectSlackSafe(message);
    const value = shareValueIn(message.blocks);
    expect(value.length).toBeLessThanOrEqual(2000);
    const { q } = JSON.parse(value) as { q: string };
    expect(question.startsWith(q)).toBe(true);
    expect(q.length).toBeGreaterThan(1900);
  });

  it("is cut on a character, never inside a JSON escape, when every character must be escaped", () => {
    const question = '"\\\n\u0001<!channel>'.repeat(1000);
    const value = shareValueIn(answerMessage(sefton, { share: { question } }).blocks);
    expect(value.length).toBeLessThanOrEqual(2000);
    const { q } = JSON.parse(value) as { q: string };
    expect(question.startsWith(q)).toBe(true);
  });
});

function shareValueIn(blocks: KnownBlock[]): string {
  const button = blocks
    .flatMap((b) => (b.type === "actions" ? b.elements : []))
    .find((e) => e.type === "button" && e.action_id === SHARE_ACTION);
  if (button?.type !== "button" || button.value === undefined) throw new Error("no share button");
  return button.value;
}

describe("an answer with too much of everything", () => {
  const answer = sampleAnswer("how has Sefton changed over the years?", twoYears);
  answer.title = `${"Sefton Metropolitan Borough Council ".repeat(14)}end`;
  answer.lines = Array.from({ length: 500 }, (_, i) => `Line ${i}: ${"figures and words ".repeat(50)}`);
  answer.councils = Array.from({ length: 300 }, (_, i) => ({ ...seftonFacts, authority: authority(i + 1) }));
  answer.ranking = rankingOf(1000, 1000);
  const points = answer.trend?.points ?? [];
  if (answer.trend)
    answer.trend.points = Array.from({ length: 200 }, (_, i) => ({
      ...(points[0] as (typeof points)[number]),
      year: 1900 + i,
    }));
  answer.concerns = concernsFor(300, 3);
  answer.holdings = {
    letters: 2000,
    councils: 400,
    years: Array.from({ length: 100 }, (_, i) => 1950 + i),
    byType: [{ type: null, councils: 400 }],
    withConcerns: Array.from({ length: 400 }, (_, i) => `Council ${i + 1}`),
    arrivals: Array.from({ length: 400 }, (_, i) => ({
      authority: `Council ${i + 1}`,
      year: 2025,
      at: "2026-12-03T09:00:00.000Z",
      change: "added" as const,
    })),
  };
  answer.notes = Array.from({ length: 200 }, (_, i) => ({
    code: "small_base" as const,
    text: `Caveat ${i}: ${"careful ".repeat(40)}`,
  }));
  answer.suggestions = Array.from({ length: 500 }, (_, i) => `question number ${i}`);
  const message = answerMessage(answer, { share: { question: "x".repeat(10_000) } });

  it("is within Block Kit's limits, with blocks to spare", () => {
    expectSlackSafe(message);
    expect(message.blocks.length).toBeLessThanOrEqual(40);
  });

  it("cuts the 500-character title on a word to 150 characters for the header", () => {
    const header = message.blocks[0];
    expect(header?.type).toBe("header");
    const text = header?.type === "header" ? header.text.text : "";
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text).toMatch(/Council…$/);
  });

  it("keeps its fallback text within 3,000 characters", () => {
    expect(message.text.length).toBeLessThanOrEqual(3000);
    expect(message.text.startsWith("Sefton Metropolitan Borough Council Sefton")).toBe(true);
  });

  it("says how many lines, councils, rows, years, concerns and notes it leaves out", () => {
    const text = shown(message.blocks);
    expect(text).toMatch(/…and \d+ more lines/);
    expect(text).toMatch(/…and \d+ more councils; ask about one council for its details/);
    expect(text).toMatch(/…and \d+ more years/);
    expect(text).toMatch(/…and \d+ more notes/);
    expect(text.match(/…and \d+ more; ask about one council for its details/g)).toHaveLength(2);
    expect(text).toContain("*Councils with concerns in the latest letters:* Council 1, Council 2");
    expect(text).toMatch(/Council \d+ and \d+ more/);
  });

  it("offers the first five of 500 suggestions", () => {
    const text = shown(message.blocks);
    expect(text).toContain("Try:\nquestion number 0\nquestion number 1");
    expect(text).toContain("question number 4");
    expect(text).not.toContain("question number 5");
  });
});

describe("answers over a store of every council's letter", () => {
  const held = everyCouncil();

  it.each([
    "top 500 upheld",
    "lowest compliance",
    "which metropolitan boroughs are above average on upheld?",
    "who had concerns raised?",
    "which councils got praise?",
    "what do you hold?",
    "compare Bury, Sefton, Stockport, Wigan, Bolton, Oldham, Rochdale, Salford, Trafford and Tameside",
    "Sefton",
  ])("“%s” is within Block Kit's limits", (question) => {
    const { answer } = answerTo(question, held);
    const message = answerMessage(answer, { share: { question } });
    expectSlackSafe(message);
    expect(checkBlocks(message.blocks)).toEqual([]);
  });

  it("a ranking of every council shows as many rows as fit and counts the rest", () => {
    const { answer } = answerTo("top 500 upheld", held);
    expect(answer.ranking?.total).toBeGreaterThan(250);
    const message = answerMessage(answer, {});
    const rows = count(message, /^=?\d+\. \*/gm);
    expect(rows + (leftOut(message, "; ask about one council for its details") ?? 0)).toBe(
      answer.ranking?.total,
    );
  });

  it("every council's concerns are listed a line each, and the rest counted", () => {
    const { answer } = answerTo("who had concerns raised?", held);
    expect(new Set(answer.concerns.map((c) => c.authority.name)).size).toBeGreaterThan(100);
    const message = answerMessage(answer, {});
    const lines = count(message, /^:warning: Concern · \*/gm);
    expect(lines + (leftOut(message, "; ask about one council for its details") ?? 0)).toBe(
      answer.concerns.length,
    );
  });
});
