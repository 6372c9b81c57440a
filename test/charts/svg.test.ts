import { describe, expect, it } from "vitest";
import { type Chart, chartFor, chartSvg } from "../../src/charts/index.ts";
import { answerTo, QUESTIONS } from "./answers.ts";

/**
 * The SVG of each kind of chart against a reviewed snapshot in test/fixtures/charts (after a deliberate change,
 * look at the new pictures, then `npx vitest run test/charts -u`), and what must hold of any: the same bytes every
 * time, every text escaped, no bar for a figure that is not there.
 */

const chartOf = (question: string) => chartFor(answerTo(question)) as Chart;

/** Every "<" in the document opens one of the elements we write: no text was left unescaped. */
const TAGS = /<(?!\/?(?:svg|title|rect|line|circle|text)\b|\?xml )/;

describe("chartSvg", () => {
  for (const [kind, question] of Object.entries(QUESTIONS)) {
    it(`draws the ${kind} chart as reviewed (“${question}”)`, async () => {
      const svg = chartSvg(chartOf(question));
      expect(svg).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg [^>]*width="800" height="\d+"/);
      expect(svg).toContain('font-family="DejaVu Sans"');
      expect(svg).not.toMatch(TAGS);
      await expect(svg).toMatchFileSnapshot(`../fixtures/charts/${kind}.svg`);
    });
  }

  it("gives the same bytes for the same chart", () => {
    const chart = chartOf(QUESTIONS.trend);
    expect(chartSvg(structuredClone(chart))).toBe(chartSvg(chart));
  });

  it("escapes every piece of text", () => {
    const answer = answerTo(QUESTIONS.comparison);
    const hostile = `<script>alert("x")</script> & 'Bury'`;
    const councils = answer.councils.map((c, i) =>
      i === 1 ? { ...c, authority: { ...c.authority, shortName: hostile } } : c,
    );
    const svg = chartSvg(chartFor({ ...answer, councils }) as Chart);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toMatch(TAGS);
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Bury&apos;");
  });

  it("draws no bar for a rate that is not calculable, and says so instead", () => {
    const svg = chartSvg(chartOf("compare Dacorum and Ashford"));
    // Bars are 20 px tall: Ashford's three rates only.
    expect(svg.match(/<rect [^>]*height="20"/g)).toHaveLength(3);
    expect(svg).toContain(">not calculable: no investigations; average 70%</text>");
    expect(svg).toContain(">not calculable: no compliance outcomes; average 99%</text>");
  });

  it("draws no line through a year with no figure", () => {
    const svg = chartSvg(chartOf(QUESTIONS.trend));
    // The series' segments, leaving out the legend's 18 px swatches.
    const segments = (colour: string) =>
      [
        ...svg.matchAll(
          new RegExp(
            `<line x1="([\\d.]+)"[^>]* x2="([\\d.]+)"[^>]*stroke="${colour}" stroke-width="2\\.5"[^>]*/>`,
            "g",
          ),
        ),
      ]
        .filter(([, x1, x2]) => Number(x2) - Number(x1) > 18)
        .map(([line]) => (line.includes("stroke-dasharray") ? "dashed" : "solid"));
    // Upheld (blue) has figures in 2020, 2022 and 2024 but not 2023: one segment, 2020–2022, dashed across 2021.
    expect(segments("#0072B2")).toEqual(["dashed"]);
    // Compliance (orange) has a figure every year: dashed across 2021, then solid to 2023 and 2024.
    expect(segments("#E69F00")).toEqual(["dashed", "solid", "solid"]);
  });
});
