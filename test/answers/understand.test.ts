import { describe, expect, it } from "vitest";
import {
  intentOf,
  RULES,
  read,
  readChange,
  readComparison,
  readDirection,
  readLimit,
  readMeasure,
  readType,
  readYears,
} from "../../src/answers/understand.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";

/** Each reader of a question, and each rule of the intent table, on its own. */

const context = { authorities: loadAuthorities(), latestYear: 2024, now: new Date("2026-11-25T12:00:00Z") };

describe("readYears", () => {
  it.each([
    ["sefton 2024", { from: 2024, to: 2024 }],
    ["bury 2023/24", { from: 2024, to: 2024 }],
    ["bury 2023-24", { from: 2024, to: 2024 }],
    ["from 2020 to 2024", { from: 2020, to: 2024 }],
    ["between 2021 and 2023", { from: 2021, to: 2023 }],
    ["2024 to 2021", { from: 2021, to: 2024 }],
    ["since 2021", { from: 2021, to: null }],
    ["over the last 3 years", { from: 2022, to: 2024 }],
    ["in the past two years", { from: 2023, to: 2024 }],
    ["last year", { from: 2025, to: 2025 }],
    ["what changed for sefton since last year", { from: 2025, to: null }],
    ["bury compared with last year", { from: 2025, to: null }],
    ["kent's letter from last year", { from: 2025, to: 2025 }],
    ["public reports in 2021 and 2024", { from: 2021, to: 2024, only: true }],
    ["witness summons 2021 vs 2025", { from: 2021, to: 2025, only: true }],
    ["sefton", null],
  ])("%s → %j", (text, years) => expect(readYears(text, context)).toEqual(years));
});

describe("readChange", () => {
  it.each([
    ["which councils improved most?", "improved"],
    ["which councils got worse on compliance?", "worsened"],
    ["whose upheld rate rose most", "rose"],
    ["councils whose compliance dropped", "fell"],
    ["sefton's upheld rate", null],
  ])("%s → %s", (text, change) => expect(readChange(text)).toBe(change));
});

describe("readComparison", () => {
  it.each([
    ["upheld rate over 70%", "upheld", { op: "above", value: 70, of: "rate" }],
    ["more than 70 per cent", "upheld", { op: "above", value: 70, of: "rate" }],
    ["at least 90% compliance", "compliance", { op: "at_least", value: 90, of: "rate" }],
    ["50% or less", "upheld", { op: "at_most", value: 50, of: "rate" }],
    ["below 100% on compliance", "compliance", { op: "below", value: 100, of: "rate" }],
    ["under full compliance", "compliance", { op: "below", value: 100, of: "rate" }],
    ["full compliance", "compliance", { op: "equal", value: 100, of: "rate" }],
    ["100% compliance", "compliance", { op: "equal", value: 100, of: "rate" }],
    ["not at 100%", "compliance", { op: "below", value: 100, of: "rate" }],
    ["above average", "upheld", { op: "above", value: 0, of: "average" }],
    ["below the similar-authority average", "upheld", { op: "below", value: 0, of: "average" }],
    ["level with the average", "upheld", { op: "equal", value: 0, of: "average" }],
    ["10 points above average", "upheld", { op: "at_least", value: 10, of: "average" }],
    ["more than 10 points above average", "upheld", { op: "above", value: 10, of: "average" }],
    ["more than 5 points below average", "upheld", { op: "below", value: -5, of: "average" }],
    ["better than average", "upheld", { op: "below", value: 0, of: "average" }],
    ["better than average", "compliance", { op: "above", value: 0, of: "average" }],
    ["worse than average", "remedy", { op: "below", value: 0, of: "average" }],
    [
      "more than 5 upheld decisions per 100,000 residents",
      "perResidents",
      { op: "above", value: 5, of: "rate" },
    ],
    ["sefton's upheld rate", "upheld", null],
  ] as const)("%s (%s) → %j", (text, measure, comparison) =>
    expect(readComparison(text, measure)).toEqual(comparison),
  );
});

describe("readMeasure and readType", () => {
  it.each([
    ["uphold rate", "upheld"],
    ["fault found", "upheld"],
    ["remedy rate for upheld complaints", "remedy"],
    ["putting things right", "remedy"],
    ["service improvements", "compliance"],
    ["complied with recommendations", "compliance"],
    ["upheld decisions per 100,000 residents", "perResidents"],
    ["per head", "perResidents"],
    ["sefton", null],
  ])("%s → %s", (text, measure) => expect(readMeasure(text)).toBe(measure));

  it.each([
    ["met boroughs", "metropolitan_borough"],
    ["mets", "metropolitan_borough"],
    ["which councils met the deadline", null],
    ["london councils", "london_borough"],
    ["shire districts", "district"],
    ["counties", "county"],
    ["unitaries", "unitary"],
  ])("%s → %s", (text, type) => expect(readType(text)).toBe(type));
});

describe("readLimit and readDirection", () => {
  it.each([
    ["top 5 upheld", 5],
    ["bottom three compliance", 3],
    ["the 10 worst", 10],
    ["top 5 upheld 2024", 5],
    ["over 70%", null],
  ])("%s → %s", (text, limit) => expect(readLimit(text)).toBe(limit));

  it.each([
    ["worst council", "worst"],
    ["who is the best", "best"],
    ["lowest compliance", "lowest"],
    ["highest upheld", "highest"],
    ["at least 90%", null],
    ["at most 50%", null],
  ])("%s → %s", (text, direction) => expect(readDirection(text)).toBe(direction));
});

describe("the intent table", () => {
  it.each([
    ["help", "help"],
    ["digest on Bury", "digest"],
    ["what does compliance mean?", "meaning"],
    ["what do you hold?", "holdings"],
    ["has Bury improved since 2022?", "trend"],
    ["any concerns for Sefton?", "concerns"],
    ["compare Bury and Sefton", "side_by_side"],
    ["all London boroughs side by side", "side_by_side"],
    ["which districts had an upheld rate over 70% in 2024?", "ranking"],
    ["how many met boroughs are below 100% on compliance?", "ranking"],
    ["how does Bury compare with similar councils?", "similar"],
    ["Bury upheld", "metric"],
    ["Bury", "summary"],
    ["what's the weather like?", "unclear"],
  ])("%s → %s", (text, intent) => expect(intentOf(read(text, context))).toBe(intent));

  it("gives every rule a reason for its place", () => {
    for (const rule of RULES) expect(rule.why.length).toBeGreaterThan(10);
  });
});

describe("read: the council's words as the person typed them", () => {
  it.each([
    ["compare STOCKPORT and st. helens", ["STOCKPORT", "st. helens"]],
    ["how is Stokport doing", ["Stokport"]],
    ["Brighton-and-Hove vs Bury!", ["Brighton-and-Hove", "Bury"]],
  ])("%s → %j", (text, words) => {
    expect(read(text, context).councils.map((c) => c.words)).toEqual(words);
  });
});
