import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answers/index.ts";
import { altText, Chart, chartFor, MAX_ALT_TEXT } from "../../src/charts/index.ts";
import { answerTo, QUESTIONS, samples } from "./answers.ts";

/**
 * Which chart each kind of answer gets, and that it carries the answer's figures, no more and no fewer; and the alt
 * text that says every one of them in words, stopping at 1,000 characters saying what it left out.
 */

function chartOf(question: string, held?: Parameters<typeof answerTo>[1]): Chart {
  const chart = chartFor(answerTo(question, held));
  if (!chart) throw new Error(`no chart for ${question}`);
  // Every chart is valid data by its own schema.
  expect(Chart.parse(chart)).toEqual(chart);
  return chart;
}

describe("chartFor", () => {
  it("draws one council's rates against their averages", () => {
    const chart = chartOf(QUESTIONS.rates);
    expect(chart).toMatchObject({
      kind: "rates",
      title: "Sefton 2024: rates against the average for metropolitan boroughs",
      unit: "percent",
      rows: [
        { measure: "upheld", label: "Complaints upheld", value: 88, average: 75, missing: null },
        { measure: "compliance", value: 90, average: 100, missing: null },
        { measure: "remedy", value: 14, average: 15, missing: null },
      ],
      notes: ["Not on this scale: upheld decisions per 100,000 residents, 6.1 (average 5.0)."],
    });
  });

  it("puts two councils side by side, rate by rate, each with its own average", () => {
    const chart = chartOf(QUESTIONS.comparison);
    if (chart.kind !== "comparison") throw new Error(chart.kind);
    expect(chart.councils.map((c) => c.name)).toEqual(["Sefton", "Bury"]);
    expect(chart.title).toBe("Sefton and Bury 2024: rates side by side");
    expect(chart.groups.map((g) => [g.measure, g.figures.map((f) => [f.value, f.average])])).toEqual([
      [
        "upheld",
        [
          [88, 75],
          [60, 75],
        ],
      ],
      [
        "compliance",
        [
          [90, 100],
          [100, 100],
        ],
      ],
      [
        "remedy",
        [
          [14, 15],
          [33, 15],
        ],
      ],
    ]);
    expect(chart.omitted).toBe(0);
  });

  it("ranks the rows as the answer gives them, saying how many of how many", () => {
    const chart = chartOf(QUESTIONS.ranking);
    if (chart.kind !== "ranking") throw new Error(chart.kind);
    expect(chart.rows.map((r) => `${r.tied ? "=" : ""}${r.place} ${r.name} ${r.value}`)).toEqual([
      "1 Hackney 90",
      "2 Sefton 88",
      "=3 Ashford 80",
      "=3 Camden 80",
      "=3 Kent 80",
      "=3 Wigan 80",
      "7 Bromsgrove 75",
      "8 Essex 70",
      "=9 Bury 60",
      "=9 Stockport 60",
    ]);
    expect(chart.subtitle).toBe(
      "Top 10 of 12 councils, highest first. Black ticks: each council's similar-authority average.",
    );
    expect(chart.notes).toEqual(["Left out as not calculable (no investigations): Dacorum."]);
  });

  it("says when every row of a ranking shares one average", () => {
    const chart = chartOf("which metropolitan boroughs uphold most complaints");
    expect(chart.subtitle).toBe(
      "All 4 metropolitan boroughs, highest first. Black line: the similar-authority average, 75%.",
    );
  });

  it("cuts a long ranking at 20 rows and says so", () => {
    const answer = answerTo(QUESTIONS.ranking);
    const ranking = answer.ranking as NonNullable<Answer["ranking"]>;
    const rows = Array.from({ length: 30 }, (_, i) => ({
      ...(ranking.rows[i % ranking.rows.length] as (typeof ranking.rows)[number]),
      place: i + 1,
      tied: false,
    }));
    const chart = chartFor({ ...answer, ranking: { ...ranking, rows, total: 45 } });
    expect(chart?.kind === "ranking" && chart.rows.length).toBe(20);
    expect(chart?.subtitle).toMatch(/^Top 20 of 45 councils, highest first\./);
  });

  it("follows one council over the years, leaving gaps where a year has no figure", () => {
    const chart = chartOf(QUESTIONS.trend);
    if (chart.kind !== "trend") throw new Error(chart.kind);
    expect(chart.years).toEqual([2020, 2022, 2023, 2024]);
    const values = Object.fromEntries(chart.series.map((s) => [s.measure, s.points.map((p) => p.value)]));
    expect(values).toEqual({
      upheld: [40, 50, null, 60],
      compliance: [100, 100, 100, 100],
      remedy: [0, 17, null, 33],
    });
    expect(chart.series[0]?.points[2]).toEqual({ year: 2023, value: null, missing: "not_calculable" });
    expect(chart.notes).toEqual([
      "2023: upheld and satisfactory remedy not calculable (no cases that year).",
      "No letter held for 2021 (dashed line across it).",
      "Not on this scale: upheld decisions per 100,000 residents, 4.4 in 2024.",
    ]);
  });

  it("draws a council with one letter by its rates, as there is no change to show", () => {
    expect(chartOf("how has Cherwell changed over the years?").kind).toBe("rates");
  });

  it("draws one rate asked for as one bar", () => {
    const chart = chartOf("Stockport compliance");
    expect(chart).toMatchObject({
      kind: "rates",
      title: "Stockport 2024: compliance with recommendations against the average for metropolitan boroughs",
      rows: [{ measure: "compliance", value: 100, average: 100 }],
    });
  });

  it("draws the figure per 100,000 residents on its own scale", () => {
    expect(chartOf("Sefton per 100,000 residents")).toMatchObject({
      kind: "rates",
      unit: "per100k",
      rows: [{ measure: "perResidents", value: 6.1, average: 5 }],
    });
  });

  it("lists a rate over no cases as not calculable, never as 0", () => {
    const chart = chartOf("compare Dacorum and Ashford");
    if (chart.kind !== "comparison") throw new Error(chart.kind);
    for (const group of chart.groups) {
      expect(group.figures[0]).toEqual({
        value: null,
        average: expect.any(Number),
        missing: "not_calculable",
      });
      expect(group.figures[1]?.value).not.toBeNull();
    }
  });

  it("gives no chart where there is no figure to draw", () => {
    for (const question of [
      "help",
      "Atlantis",
      "any concerns for Sefton?",
      "who had concerns raised?",
      "what do you hold?",
      "what does compliance mean?",
      // Every rate over no cases.
      "Dacorum",
    ])
      expect(chartFor(answerTo(question)), question).toBeNull();
    // The 2020 letter gives no statistics at all.
    expect(chartFor(answerTo("Bath and North East Somerset", samples))).toBeNull();
  });

  it("draws at most seven councils, one colour each, and says how many it left out", () => {
    const answer = answerTo(QUESTIONS.comparison);
    const councils = Array.from({ length: 9 }, (_, i) => {
      const facts = answer.councils[i % 2] as Answer["councils"][number];
      return { ...facts, authority: { ...facts.authority, shortName: `Council ${i + 1}` } };
    });
    const chart = chartFor({ ...answer, councils });
    if (chart?.kind !== "comparison") throw new Error("not a comparison");
    expect(chart.councils).toHaveLength(7);
    expect(chart.omitted).toBe(2);
    expect(chart.subtitle).toMatch(/^The first 7 of 9 councils\./);
  });
});

describe("altText", () => {
  it("says one council's rates with their averages", () => {
    expect(altText(chartOf(QUESTIONS.rates))).toBe(
      "Bar chart: Sefton 2024: rates against the average for metropolitan boroughs. Upheld 88% (average 75%); compliance 90% (average 100%); satisfactory remedy 14% (average 15%).",
    );
  });

  it("says each council's figure, rate by rate", () => {
    expect(altText(chartOf(QUESTIONS.comparison))).toBe(
      "Grouped bar chart: Sefton and Bury 2024: rates side by side. Sefton upheld 88% (average 75%); Bury upheld 60% (average 75%); Sefton compliance 90% (average 100%); Bury compliance 100% (average 100%); Sefton satisfactory remedy 14% (average 15%); Bury satisfactory remedy 33% (average 15%).",
    );
  });

  it("says the ranking's places, shared places with =", () => {
    expect(altText(chartOf(QUESTIONS.ranking))).toMatch(
      /^Bar chart: Highest upheld rate among councils, 2024\. 1\. Hackney 90% \(average 78%\); 2\. Sefton 88% \(average 75%\); =3\. Ashford 80% \(average 70%\);/,
    );
  });

  it("says a year with no figure as not calculable, not as 0", () => {
    expect(altText(chartOf(QUESTIONS.trend))).toBe(
      "Line chart: Bury, 2020 to 2024: rates by year. Upheld: 40% in 2020, 50% in 2022, not calculable in 2023, 60% in 2024; compliance: 100% in 2020, 100% in 2022, 100% in 2023, 100% in 2024; satisfactory remedy: 0% in 2020, 17% in 2022, not calculable in 2023, 33% in 2024.",
    );
    expect(altText(chartOf("compare Dacorum and Ashford"))).toContain(
      "Dacorum upheld not calculable (no investigations); Ashford upheld 80% (average 70%)",
    );
  });

  it("stops at 1,000 characters with whole figures and how many more", () => {
    const ranking = chartOf(QUESTIONS.ranking);
    if (ranking.kind !== "ranking") throw new Error(ranking.kind);
    const rows = Array.from({ length: 20 }, (_, i) => ({
      place: i + 1,
      tied: false,
      name: `The Royal Borough of Somewhere Quite Long Indeed ${i + 1}`,
      value: 50 + i,
      average: 60,
    }));
    const text = altText({ ...ranking, rows });
    expect(text.length).toBeLessThanOrEqual(MAX_ALT_TEXT);
    const [, more] = /; … and (\d+) more\.$/.exec(text) ?? [];
    expect(more).toBeDefined();
    // Every figure it kept is whole, and with the ones left out they make all 20.
    const kept =
      text.match(/\d+\. The Royal Borough of Somewhere Quite Long Indeed \d+ \d+% \(average 60%\)/g) ?? [];
    expect(kept.length + Number(more)).toBe(20);
  });

  it("stays within 1,000 characters even when the title alone is longer", () => {
    const chart = chartOf(QUESTIONS.rates);
    const text = altText({ ...chart, title: "Sefton ".repeat(200) });
    expect(text.length).toBeLessThanOrEqual(MAX_ALT_TEXT);
    expect(text).toMatch(/… and 3 more\.$/);
  });
});
