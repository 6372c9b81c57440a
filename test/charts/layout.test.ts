import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Chart } from "../../src/charts/chart.ts";
import { layout } from "../../src/charts/layout.ts";
import { MARKER } from "../../src/charts/palette.ts";
import { type Box, overlaps, type Scene, type Text } from "../../src/charts/scene.ts";
import { nudge } from "../../src/charts/trend-plot.ts";

/**
 * Labels never overlap, whatever the names and however many rows: over charts of every kind with long names (wide
 * letters, characters beyond the width table), many rows, figures missing and averages anywhere, no two text
 * boxes of the layout meet, none leaves the page, and none crosses an average marker.
 */

const CHARACTERS = [
  ..."abcdefghijklmnopqrstuvwxyz",
  ..."WMQ",
  " ",
  " ",
  " ",
  "-",
  "'",
  "&",
  "<",
  "…",
  "—",
  "é",
  "ß",
  "漢",
];
const words = (max: number) =>
  fc.string({ unit: fc.constantFrom(...CHARACTERS), minLength: 1, maxLength: max });
const name = fc.oneof(
  words(60),
  fc.constantFrom(
    "Bath and North East Somerset",
    "Kingston upon Hull",
    "Royal Borough of Windsor and Maidenhead",
    "W".repeat(70),
  ),
);
const percent = fc.integer({ min: 0, max: 100 });
const missing = fc.constantFrom("not_calculable" as const, "not_given" as const);
const figure = fc.oneof(
  fc.record({ value: percent, average: fc.option(percent), missing: fc.constant(null) }),
  fc.record({ value: fc.constant(null), average: fc.option(percent), missing }),
);
const heading = { title: words(300), subtitle: words(240), notes: fc.array(words(260), { maxLength: 3 }) };

const rates = fc.record({
  kind: fc.constant("rates" as const),
  ...heading,
  unit: fc.constant("percent" as const),
  council: name,
  year: fc.integer({ min: 2019, max: 2025 }),
  rows: fc.array(
    fc
      .tuple(figure, fc.constantFrom("upheld" as const, "compliance" as const, "remedy" as const), words(50))
      .map(([f, measure, label]) => ({ ...f, measure, label, baseLabel: "investigations" })),
    { minLength: 1, maxLength: 3 },
  ),
});

const comparison = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    kind: fc.constant("comparison" as const),
    ...heading,
    councils: fc.array(
      fc.record({ name, year: fc.integer({ min: 2019, max: 2025 }), type: fc.constant(null) }),
      { minLength: n, maxLength: n },
    ),
    omitted: fc.nat(5),
    groups: fc.array(
      fc.record({
        measure: fc.constantFrom("upheld" as const, "compliance" as const, "remedy" as const),
        label: words(80),
        baseLabel: fc.constant("investigations"),
        figures: fc.array(figure, { minLength: n, maxLength: n }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

const ranking = fc
  .tuple(fc.constantFrom("percent" as const, "per100k" as const), fc.option(percent), fc.boolean())
  .chain(([unit, common, shared]) => {
    const value = unit === "percent" ? percent : fc.integer({ min: 0, max: 400 }).map((v) => v / 10);
    return fc.record({
      kind: fc.constant("ranking" as const),
      ...heading,
      measure: fc.constant(unit === "percent" ? ("upheld" as const) : ("perResidents" as const)),
      label: fc.constant("Complaints upheld"),
      unit: fc.constant(unit),
      order: fc.constantFrom("highest" as const, "lowest" as const),
      total: fc.integer({ min: 20, max: 400 }),
      rows: fc.array(
        fc.record({
          place: fc.integer({ min: 1, max: 400 }),
          tied: fc.boolean(),
          name,
          value,
          average: shared ? fc.constant(common) : fc.option(value),
        }),
        { minLength: 1, maxLength: 20 },
      ),
    });
  });

const trend = fc
  .uniqueArray(fc.integer({ min: 2019, max: 2025 }), { minLength: 2, maxLength: 7 })
  .map((years) => years.sort((a, b) => a - b))
  .chain((years) =>
    fc.record({
      kind: fc.constant("trend" as const),
      ...heading,
      unit: fc.constant("percent" as const),
      council: name,
      years: fc.constant(years),
      series: fc
        .uniqueArray(fc.constantFrom("upheld" as const, "compliance" as const, "remedy" as const), {
          minLength: 1,
          maxLength: 3,
        })
        .chain((measures) =>
          fc.tuple(
            ...measures.map((measure) =>
              fc
                .tuple(
                  words(40),
                  fc.tuple(
                    ...years.map((year) =>
                      fc.oneof(
                        percent.map((value) => ({ year, value, missing: null })),
                        missing.map((why) => ({ year, value: null, missing: why })),
                      ),
                    ),
                  ),
                )
                // A series is drawn only with a figure: give it one in its first year.
                .map(([label, [first, ...rest]]) => ({
                  measure,
                  label,
                  points: [{ ...first, value: first?.value ?? 50, missing: null }, ...rest],
                })),
            ),
          ),
        ),
    }),
  );

const texts = (scene: Scene) => scene.shapes.filter((s): s is Text => s.type === "text");

function problems(scene: Scene): string[] {
  const out: string[] = [];
  const all = texts(scene);
  for (let i = 0; i < all.length; i++) {
    const a = all[i] as Text;
    const { x, y, width, height } = a.box;
    if (x < 0 || y < 0 || x + width > scene.width + 1e-6 || y + height > scene.height + 1e-6)
      out.push(`“${a.text}” leaves the page`);
    for (let j = i + 1; j < all.length; j++) {
      const b = all[j] as Text;
      if (overlaps(a.box, b.box)) out.push(`“${a.text}” overlaps “${b.text}”`);
    }
  }
  for (const marker of scene.shapes) {
    if (marker.type !== "line" || marker.stroke !== MARKER) continue;
    const box: Box = { x: marker.x1 - 1, y: marker.y1, width: 2, height: marker.y2 - marker.y1 };
    for (const t of all) if (overlaps(box, t.box)) out.push(`“${t.text}” crosses an average marker`);
  }
  return out;
}

describe("layout", () => {
  for (const [kind, charts] of Object.entries({ rates, comparison, ranking, trend })) {
    it(`keeps every label of a ${kind} chart apart and on the page`, () => {
      fc.assert(
        fc.property(charts as fc.Arbitrary<Chart>, (chart) => {
          // The generated charts are charts by the schema.
          Chart.parse(chart);
          expect(problems(layout(chart))).toEqual([]);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("gives the same scene for the same chart", () => {
    fc.assert(
      fc.property(ranking as fc.Arbitrary<Chart>, (chart) => {
        expect(layout(structuredClone(chart))).toEqual(layout(chart));
      }),
      { numRuns: 10 },
    );
  });
});

describe("nudge", () => {
  it("moves labels apart as little as it can, within bounds", () => {
    expect(nudge([100, 100, 200], 16, 0, 300)).toEqual([100, 116, 200]);
    expect(nudge([295, 290], 16, 0, 300)).toEqual([292, 276]);
  });

  it("leaves every pair at least the gap apart", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 240 }), { maxLength: 8 }), (wanted) => {
        const placed = [...nudge(wanted, 16, 0, 240)].sort((a, b) => a - b);
        for (let i = 1; i < placed.length; i++)
          expect((placed[i] as number) - (placed[i - 1] as number)).toBeGreaterThanOrEqual(16 - 1e-9);
      }),
    );
  });
});
