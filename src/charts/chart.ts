import { z } from "zod";
import {
  type Answer,
  type CouncilFacts,
  formatValue,
  MEASURES,
  type Measure,
  type RateFact,
  typeLabel,
} from "../answers/index.ts";
import { Measure as MeasureSchema } from "../answers/metrics.ts";
import { AuthorityType } from "../authorities/schema.ts";
import { Metric } from "../letters/index.ts";
import { capitalise, listAnd } from "../phrasing.ts";

/**
 * A chart as plain data: what an answer shows in a picture, with every figure it draws and every figure it cannot
 * (not calculable, not given) said as such, never as 0. `chartFor` reads only the answer's own facts, so a chart
 * never says more than the text beside it; the SVG is drawn from this alone.
 */

/** A percentage on a 0–100 scale, or upheld decisions per 100,000 residents on a scale of their own. */
export const Unit = z.enum(["percent", "per100k"]);
export type Unit = z.infer<typeof Unit>;

/** Why a figure is not drawn: over no cases (no investigations), or not in the letter. */
export const Missing = z.enum(["not_calculable", "not_given"]);
export type Missing = z.infer<typeof Missing>;

/** A figure and its similar-authority average; `value` null with the reason in `missing`. */
export const Figure = z.object({
  value: z.number().nullable(),
  average: z.number().nullable(),
  missing: Missing.nullable(),
});
export type Figure = z.infer<typeof Figure>;

const Heading = { title: z.string(), subtitle: z.string(), notes: z.array(z.string()) };

export const RatesChart = z.object({
  kind: z.literal("rates"),
  ...Heading,
  unit: Unit,
  council: z.string(),
  year: z.number().int(),
  rows: z.array(
    Figure.extend({
      measure: MeasureSchema,
      label: z.string(),
      /** What there were none of when the rate is not calculable: "investigations". */
      baseLabel: z.string(),
    }),
  ),
});
export type RatesChart = z.infer<typeof RatesChart>;

export const ComparisonChart = z.object({
  kind: z.literal("comparison"),
  ...Heading,
  councils: z.array(z.object({ name: z.string(), year: z.number().int(), type: AuthorityType.nullable() })),
  /** Councils of the answer not drawn, past the colours one chart can tell apart. */
  omitted: z.number().int(),
  groups: z.array(
    z.object({
      measure: Metric,
      label: z.string(),
      baseLabel: z.string(),
      /** One per council, in the order of `councils`. */
      figures: z.array(Figure),
    }),
  ),
});
export type ComparisonChart = z.infer<typeof ComparisonChart>;

export const RankingChart = z.object({
  kind: z.literal("ranking"),
  ...Heading,
  measure: MeasureSchema,
  label: z.string(),
  unit: Unit,
  order: z.enum(["highest", "lowest"]),
  /** How many councils qualified; `rows` are the first of them. */
  total: z.number().int(),
  rows: z.array(
    z.object({
      place: z.number().int(),
      tied: z.boolean(),
      name: z.string(),
      value: z.number(),
      average: z.number().nullable(),
    }),
  ),
});
export type RankingChart = z.infer<typeof RankingChart>;

export const TrendChart = z.object({
  kind: z.literal("trend"),
  ...Heading,
  unit: Unit,
  council: z.string(),
  /** The years a letter is held for, in order. */
  years: z.array(z.number().int()),
  series: z.array(
    z.object({
      measure: MeasureSchema,
      label: z.string(),
      /** One per year of `years`. */
      points: z.array(
        z.object({ year: z.number().int(), value: z.number().nullable(), missing: Missing.nullable() }),
      ),
    }),
  ),
});
export type TrendChart = z.infer<typeof TrendChart>;

export const Chart = z.discriminatedUnion("kind", [RatesChart, ComparisonChart, RankingChart, TrendChart]);
export type Chart = z.infer<typeof Chart>;

/** More rows than this and a ranking's names are too small to read in Slack's preview. */
export const MAX_RANKING_ROWS = 20;
/** One colour per council, from the seven of the palette that are not the average marker's black. */
export const MAX_COMPARED = 7;

/** Each measure as said inside a list: "upheld 88%", "satisfactory remedy 14%". */
export const SHORT_LABEL: Record<Measure, string> = {
  upheld: "upheld",
  compliance: "compliance",
  remedy: "satisfactory remedy",
  perResidents: "upheld per 100,000 residents",
};

export const unitOf = (measure: Measure): Unit => (measure === "perResidents" ? "per100k" : "percent");

/** A figure as the chart prints it: "88%", "6.1". */
export const formatFigure = (unit: Unit, value: number): string =>
  formatValue(unit === "percent" ? "upheld" : "perResidents", value);

const missingOf = (fact: RateFact): Missing | null =>
  fact.noCases ? "not_calculable" : fact.rate === null ? "not_given" : null;

const figureOf = (fact: RateFact | undefined): Figure =>
  fact
    ? { value: fact.noCases ? null : fact.rate, average: fact.average, missing: missingOf(fact) }
    : { value: null, average: null, missing: "not_given" };

/** The chart for an answer, or null when it has no figure to draw (help, an unknown council, concerns). */
export function chartFor(answer: Answer): Chart | null {
  switch (answer.kind) {
    case "ranking":
      return rankingChart(answer);
    case "trend":
      return trendChart(answer) ?? councilsChart(answer);
    case "summary":
    case "metric":
    case "similar":
    case "side_by_side":
      return councilsChart(answer);
    default:
      return null;
  }
}

function councilsChart(answer: Answer): Chart | null {
  if (answer.councils.length >= 2) return comparisonChart(answer.councils);
  const [only] = answer.councils;
  return only ? ratesChart(only, answer) : null;
}

const scopeOf = (type: CouncilFacts["authority"]["type"]) =>
  type ? typeLabel(type, true) : "similar councils";

function perResidentsText(facts: CouncilFacts, withName: boolean): string | null {
  const per = facts.perResidents;
  if (!per || per.value === null) return null;
  const average = per.average === null ? "" : ` (average ${formatFigure("per100k", per.average)})`;
  return `${withName ? `${facts.authority.shortName} ` : ""}${formatFigure("per100k", per.value)}${average}`;
}

function ratesChart(facts: CouncilFacts, answer: Answer): RatesChart | null {
  const { shortName, name, type } = facts.authority;
  const year = facts.source.year;
  // Asked for the figure per 100,000 residents alone: that figure is the chart, on its own scale.
  if (answer.kind === "metric" && answer.applied.measure === "perResidents") {
    const per = facts.perResidents;
    if (!per || per.value === null) return null;
    return {
      kind: "rates",
      title: `${shortName} ${year}: upheld decisions per 100,000 residents against the average for ${scopeOf(type)}`,
      subtitle: `${name}, ${year} annual review letter. Black tick: the similar-authority average.`,
      notes: [],
      unit: "per100k",
      council: shortName,
      year,
      rows: [
        {
          measure: "perResidents",
          label: MEASURES.perResidents.label,
          baseLabel: "",
          value: per.value,
          average: per.average,
          missing: null,
        },
      ],
    };
  }
  const rows = facts.rates.map((fact) => ({
    measure: fact.metric,
    label: fact.label,
    baseLabel: fact.baseLabel,
    ...figureOf(fact),
  }));
  if (!rows.some((r) => r.value !== null)) return null;
  const what = (rows.length === 1 && rows[0]?.label.toLowerCase()) || "rates";
  const per = perResidentsText(facts, false);
  return {
    kind: "rates",
    title: `${shortName} ${year}: ${what} against the average for ${scopeOf(type)}`,
    subtitle: `${name}, ${year} annual review letter. Black tick: the similar-authority average.`,
    notes:
      per && rows.length > 1 ? [`Not on this scale: upheld decisions per 100,000 residents, ${per}.`] : [],
    unit: "percent",
    council: shortName,
    year,
    rows,
  };
}

function comparisonChart(all: CouncilFacts[]): ComparisonChart | null {
  const shown = all.slice(0, MAX_COMPARED);
  const metrics = [...new Set(shown.flatMap((c) => c.rates.map((r) => r.metric)))];
  const groups = metrics.map((metric) => {
    const facts = shown.map((c) => c.rates.find((r) => r.metric === metric));
    return {
      measure: metric,
      label: MEASURES[metric].label,
      baseLabel: MEASURES[metric].baseLabel ?? "",
      figures: facts.map(figureOf),
    };
  });
  if (!groups.some((g) => g.figures.some((f) => f.value !== null))) return null;
  const names = shown.map((c) => c.authority.shortName);
  const years = [...new Set(shown.map((c) => c.source.year))];
  const types = [...new Set(shown.map((c) => c.authority.type))];
  const average =
    types.length === 1
      ? `Black ticks: the similar-authority average for ${scopeOf(types[0] ?? null)}.`
      : "Black ticks: each council's own similar-authority average.";
  const omitted = all.length - shown.length;
  const per = shown.map((c) => perResidentsText(c, true)).filter((t): t is string => t !== null);
  const notes = [
    ...shown
      .filter((c) => c.noStatistics)
      .map((c) => `${c.authority.shortName}'s ${c.source.year} letter gives no complaint statistics.`),
    ...(per.length > 0
      ? [`Not on this scale: upheld decisions per 100,000 residents, ${per.join(", ")}.`]
      : []),
  ];
  return {
    kind: "comparison",
    title: `${listAnd(names)}${years.length === 1 ? ` ${years[0]}` : ""}: rates side by side`,
    subtitle: `${omitted > 0 ? `The first ${shown.length} of ${all.length} councils. ` : ""}${average}`,
    notes,
    councils: shown.map((c) => ({
      name: c.authority.shortName,
      year: c.source.year,
      type: c.authority.type,
    })),
    omitted,
    groups,
  };
}

function rankingChart(answer: Answer): RankingChart | null {
  const ranking = answer.ranking;
  if (!ranking || ranking.rows.length === 0) return null;
  const rows = ranking.rows.slice(0, MAX_RANKING_ROWS).map((r) => ({
    place: r.place,
    tied: r.tied,
    name: r.authority.shortName,
    value: r.rate,
    average: r.average,
  }));
  const scope = ranking.type ? typeLabel(ranking.type, true) : "councils";
  const unit = unitOf(ranking.measure);
  const averages = [...new Set(rows.map((r) => r.average))];
  const shared = averages.length === 1 && averages[0] !== null && averages[0] !== undefined;
  const count =
    rows.length === ranking.total
      ? `All ${ranking.total} ${scope}`
      : `Top ${rows.length} of ${ranking.total} ${scope}`;
  const marker = shared
    ? `Black line: the similar-authority average, ${formatFigure(unit, averages[0] as number)}.`
    : "Black ticks: each council's similar-authority average.";
  const left = ranking.notCalculable.map((a) => a.shortName);
  return {
    kind: "ranking",
    title: answer.title,
    subtitle: `${count}, ${ranking.order} first. ${marker}`,
    notes:
      left.length > 0
        ? [
            `Left out as not calculable (no ${MEASURES[ranking.measure].baseLabel ?? "cases"}): ${listAnd(left.slice(0, 10))}${left.length > 10 ? ` and ${left.length - 10} more` : ""}.`,
          ]
        : [],
    measure: ranking.measure,
    label: ranking.label,
    unit,
    order: ranking.order,
    total: ranking.total,
    rows,
  };
}

function trendChart(answer: Answer): TrendChart | null {
  const trend = answer.trend;
  if (!trend) return null;
  const points = [...trend.points].sort((a, b) => a.year - b.year);
  const asked = answer.applied.measure;
  const measures: Measure[] = asked ? [asked] : ["upheld", "compliance", "remedy"];
  const series = measures
    .map((measure) => ({
      measure,
      label: MEASURES[measure].label,
      points: points.map((p) => ({
        year: p.year,
        value: p[measure],
        missing:
          p[measure] !== null
            ? null
            : measure !== "perResidents" && p.noCases.includes(measure)
              ? ("not_calculable" as const)
              : ("not_given" as const),
      })),
    }))
    .filter((s) => s.points.some((p) => p.value !== null));
  // A change needs two years with a figure; with fewer, the one letter's rates say more than a lone point.
  const withFigures = points.filter((p) =>
    series.some((s) => s.points.find((q) => q.year === p.year)?.value != null),
  );
  if (series.length === 0 || withFigures.length < 2) return null;
  const first = points[0]?.year as number;
  const last = points[points.length - 1]?.year as number;
  const held = new Set(points.map((p) => p.year));
  const notHeld: number[] = [];
  for (let year = first; year <= last; year++) if (!held.has(year)) notHeld.push(year);
  const gaps = points
    .map((p) => {
      const none = series.filter((s) => s.points.find((q) => q.year === p.year)?.value === null);
      if (none.length === 0) return null;
      const why = none.every((s) => s.points.find((q) => q.year === p.year)?.missing === "not_calculable")
        ? "not calculable (no cases that year)"
        : "not given";
      return `${p.year}: ${listAnd(none.map((s) => SHORT_LABEL[s.measure]))} ${why}.`;
    })
    .filter((n): n is string => n !== null);
  const per = asked
    ? []
    : points
        .filter((p) => p.perResidents !== null)
        .map((p) => `${formatFigure("per100k", p.perResidents as number)} in ${p.year}`);
  const name = trend.authority.shortName;
  return {
    kind: "trend",
    title: `${name}, ${first} to ${last}: ${asked ? MEASURES[asked].short : "rates"} by year`,
    subtitle: `${capitalise(trend.authority.name)}'s annual review letters. A gap in a line: no figure that year.`,
    notes: [
      ...gaps,
      ...(notHeld.length > 0
        ? [`No letter held for ${listAnd(notHeld.map(String))} (dashed line across it).`]
        : []),
      ...(per.length > 0
        ? [`Not on this scale: upheld decisions per 100,000 residents, ${listAnd(per)}.`]
        : []),
    ],
    unit: unitOf(asked ?? "upheld"),
    council: name,
    years: points.map((p) => p.year),
    series,
  };
}
