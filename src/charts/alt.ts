import { capitalise } from "../phrasing.ts";
import { type Chart, type Figure, formatFigure, SHORT_LABEL, type Unit } from "./chart.ts";

/**
 * A chart's figures in words, for a screen reader and for anyone whose image does not load: the title, then every
 * figure with its average, in the order the chart draws them. Slack caps alt text, and past a few sentences nobody
 * listens, so it stops at `MAX_ALT_TEXT` characters, saying how many figures it left out.
 */

export const MAX_ALT_TEXT = 1000;

const KIND_WORDS: Record<Chart["kind"], string> = {
  rates: "Bar chart",
  comparison: "Grouped bar chart",
  ranking: "Bar chart",
  trend: "Line chart",
};

function figureText(unit: Unit, figure: Figure, baseLabel = ""): string {
  if (figure.value === null)
    return figure.missing === "not_calculable"
      ? `not calculable${baseLabel ? ` (no ${baseLabel})` : ""}`
      : "not given";
  const average = figure.average === null ? "" : ` (average ${formatFigure(unit, figure.average)})`;
  return `${formatFigure(unit, figure.value)}${average}`;
}

function items(chart: Chart): string[] {
  switch (chart.kind) {
    case "rates":
      return chart.rows.map(
        (row) => `${SHORT_LABEL[row.measure]} ${figureText(chart.unit, row, row.baseLabel)}`,
      );
    case "comparison":
      return chart.groups.flatMap((group) =>
        group.figures.map(
          (figure, i) =>
            `${chart.councils[i]?.name} ${SHORT_LABEL[group.measure]} ${figureText("percent", figure, group.baseLabel)}`,
        ),
      );
    case "ranking":
      return chart.rows.map(
        (row) =>
          `${row.tied ? "=" : ""}${row.place}. ${row.name} ${figureText(chart.unit, { ...row, missing: null })}`,
      );
    case "trend":
      return chart.series.map(
        (series) =>
          `${SHORT_LABEL[series.measure]}: ${series.points
            .map(
              (p) =>
                `${p.value === null ? (p.missing === "not_calculable" ? "not calculable" : "not given") : formatFigure(chart.unit, p.value)} in ${p.year}`,
            )
            .join(", ")}`,
      );
  }
}

/** "Bar chart: Sefton 2024: rates …. Upheld 88% (average 75%); compliance 90% (average 100%); …". */
export function altText(chart: Chart): string {
  const head = `${KIND_WORDS[chart.kind]}: ${chart.title}.`;
  const all = items(chart).map((item, i) => (i === 0 ? capitalise(item) : item));
  if (all.length === 0) return head.slice(0, MAX_ALT_TEXT);
  const whole = `${head} ${all.join("; ")}.`;
  if (whole.length <= MAX_ALT_TEXT) return whole;
  // As many whole figures as fit before "… and N more.", so no figure is cut in half.
  for (let kept = all.length - 1; kept > 0; kept--) {
    const text = `${head} ${all.slice(0, kept).join("; ")}; … and ${all.length - kept} more.`;
    if (text.length <= MAX_ALT_TEXT) return text;
  }
  const tail = ` … and ${all.length} more.`;
  return `${head.slice(0, MAX_ALT_TEXT - tail.length - 1)}…${tail}`;
}
