import { type BarGroup, type BarRow, barPlot } from "./bar-plot.ts";
import type { Chart, ComparisonChart, Figure, RankingChart, RatesChart } from "./chart.ts";
import { header, legend, notes, PAD, type Piece, WIDTH } from "./frame.ts";
import { seriesColour } from "./palette.ts";
import { type Scale, scaleFor } from "./scale.ts";
import type { Scene } from "./scene.ts";
import { trendPlot } from "./trend-plot.ts";

/**
 * A chart placed on the page: the header, the legend, the plot for its kind and the notes, one under another, at
 * 800 px wide and as tall as they come to. Pure and deterministic: the same chart gives the same scene.
 */

export function layout(chart: Chart): Scene {
  const pieces: Piece[] = [];
  let y = PAD;
  const add = (piece: Piece) => {
    pieces.push(piece);
    y = piece.bottom;
  };
  add(header(chart.title, chart.subtitle, y));
  switch (chart.kind) {
    case "rates":
      add(barPlot([{ heading: null, rows: ratesRows(chart) }], scaleOf(chart), y));
      break;
    case "comparison": {
      const years = new Set(chart.councils.map((c) => c.year)).size > 1;
      const names = chart.councils.map((c) => (years ? `${c.name} (${c.year})` : c.name));
      add(
        legend(
          names.map((label, i) => ({ label, colour: seriesColour(i), mark: "bar" as const })),
          y,
        ),
      );
      add(barPlot(comparisonGroups(chart, names), scaleOf(chart), y));
      break;
    }
    case "ranking":
      add(barPlot([{ heading: null, rows: rankingRows(chart) }], scaleOf(chart), y));
      break;
    case "trend":
      add(
        legend(
          chart.series.map((s, i) => ({ label: s.label, colour: seriesColour(i), mark: "line" as const })),
          y,
        ),
      );
      add(trendPlot(chart, scaleOf(chart), y + 4));
      break;
  }
  add(notes(chart.notes, y));
  return {
    width: WIDTH,
    height: Math.ceil(y + PAD - 10),
    title: chart.title,
    shapes: pieces.flatMap((p) => p.shapes),
  };
}

function scaleOf(chart: Chart): Scale {
  switch (chart.kind) {
    case "rates":
      return scaleFor(chart.unit, chart.rows.flatMap(figures));
    case "comparison":
      return scaleFor("percent", []);
    case "ranking":
      return scaleFor(
        chart.unit,
        chart.rows.flatMap((r) => figures({ ...r, missing: null })),
      );
    case "trend":
      return scaleFor(
        chart.unit,
        chart.series.flatMap((s) => s.points.flatMap((p) => (p.value === null ? [] : [p.value]))),
      );
  }
}

const figures = (f: Figure): number[] => [f.value, f.average].filter((v): v is number => v !== null);

function missingText(figure: Figure, baseLabel: string, scale: Scale): string {
  const average = figure.average === null ? "" : `; average ${scale.figure(figure.average)}`;
  return figure.missing === "not_calculable"
    ? `not calculable: no ${baseLabel || "cases"}${average}`
    : `not given in the letter${average}`;
}

function ratesRows(chart: RatesChart): BarRow[] {
  const scale = scaleOf(chart);
  return chart.rows.map((row) => ({
    label: row.label,
    value: row.value,
    average: row.average,
    colour: seriesColour(0),
    missingText: missingText(row, row.baseLabel, scale),
  }));
}

function comparisonGroups(chart: ComparisonChart, names: readonly string[]): BarGroup[] {
  const scale = scaleOf(chart);
  return chart.groups.map((group) => ({
    heading: group.label,
    rows: group.figures.map((figure, i) => ({
      label: names[i] ?? "",
      value: figure.value,
      average: figure.average,
      colour: seriesColour(i),
      missingText: missingText(figure, group.baseLabel, scale),
    })),
  }));
}

function rankingRows(chart: RankingChart): BarRow[] {
  return chart.rows.map((row) => ({
    label: `${row.tied ? "=" : ""}${row.place}. ${row.name}`,
    value: row.value,
    average: row.average,
    colour: seriesColour(0),
    missingText: "",
  }));
}
