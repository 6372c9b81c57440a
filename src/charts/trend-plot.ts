import { capitalise } from "../phrasing.ts";
import { SHORT_LABEL, type TrendChart } from "./chart.ts";
import { PAD, type Piece, SIZE, WIDTH } from "./frame.ts";
import { AXIS, BACKGROUND, GRID, INK, MUTED, seriesColour } from "./palette.ts";
import type { Scale } from "./scale.ts";
import { lineHeight, type Shape, text } from "./scene.ts";
import { ASCENT, DESCENT, fitText, textWidth } from "./text-width.ts";

/**
 * Measures over the years: x is the year (to scale, so a year with no letter leaves its space), y the figure. A
 * line joins two years only when both give a figure: a year not calculable or not given breaks it, and a year with
 * no letter held is crossed by a dashed line. Each line ends in a label, nudged apart so none overlap, in a column
 * right of the plot.
 */

const HEIGHT = 240;
const INSET = 18;
const MAX_END_LABEL = 200;

/** Baseline offset that centres text of `size` on a y. */
const centring = (size: number) => ((ASCENT - DESCENT) / 2) * size;

export function trendPlot(chart: TrendChart, scale: Scale, top: number): Piece {
  const years = chart.years;
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  const ends = chart.series.map((series, i) => {
    const given = series.points.filter((p) => p.value !== null);
    const end = given[given.length - 1] as { year: number; value: number };
    const words = `${capitalise(SHORT_LABEL[series.measure])} ${scale.figure(end.value)}${end.year === last ? "" : ` (${end.year})`}`;
    return { end, colour: seriesColour(i), words: fitText(words, MAX_END_LABEL, SIZE.legend) };
  });
  const endWidth = Math.max(...ends.map((e) => textWidth(e.words, SIZE.legend)));
  const tickWidth = Math.max(...scale.ticks.map((t) => textWidth(scale.tick(t), SIZE.small)));
  const x0 = PAD + tickWidth + 8;
  const x1 = WIDTH - PAD - endWidth - 22;
  const plotTop = top + lineHeight(SIZE.small) / 2 + 2;
  const bottom = plotTop + HEIGHT;
  const xOf = (year: number) =>
    first === last ? (x0 + x1) / 2 : x0 + INSET + ((year - first) / (last - first)) * (x1 - x0 - 2 * INSET);
  const yOf = (value: number) => bottom - Math.min(1, Math.max(0, value / scale.max)) * HEIGHT;

  const grid: Shape[] = [];
  const lines: Shape[] = [];
  const dots: Shape[] = [];
  const labels: Shape[] = [];
  for (const t of scale.ticks) {
    const y = yOf(t);
    grid.push({
      type: "line",
      x1: x0,
      y1: y,
      x2: x1,
      y2: y,
      stroke: t === 0 ? AXIS : GRID,
      width: 1,
      dashed: false,
    });
    labels.push(
      text(scale.tick(t), x0 - 6, y + centring(SIZE.small), { size: SIZE.small, anchor: "end", fill: MUTED }),
    );
  }

  // Year labels, thinned to every second (third…) year where they would touch.
  const yearWidth = textWidth("0000", SIZE.small) + 8;
  const spacing = first === last ? Number.POSITIVE_INFINITY : (x1 - x0 - 2 * INSET) / (last - first);
  const every = Math.max(1, Math.ceil(yearWidth / spacing));
  const held = new Set(years);
  for (let year = first; year <= last; year += 1) {
    if ((year - first) % every !== 0 && year !== last) continue;
    if (year !== last && last - year < every) continue;
    labels.push(
      text(String(year), xOf(year), bottom + 6 + ASCENT * SIZE.small, {
        size: SIZE.small,
        anchor: "middle",
        fill: held.has(year) ? INK : MUTED,
      }),
    );
  }

  chart.series.forEach((series, i) => {
    const colour = seriesColour(i);
    const points = series.points;
    for (let j = 1; j < points.length; j++) {
      const a = points[j - 1];
      const b = points[j];
      if (!a || !b || a.value === null || b.value === null) continue;
      lines.push({
        type: "line",
        x1: xOf(a.year),
        y1: yOf(a.value),
        x2: xOf(b.year),
        y2: yOf(b.value),
        stroke: colour,
        width: 2.5,
        dashed: b.year - a.year > 1,
      });
    }
    for (const p of points) {
      if (p.value === null) continue;
      dots.push(
        { type: "dot", x: xOf(p.year), y: yOf(p.value), r: 5.5, fill: BACKGROUND },
        { type: "dot", x: xOf(p.year), y: yOf(p.value), r: 4, fill: colour },
      );
    }
  });

  const placed = nudge(
    ends.map((e) => yOf(e.end.value)),
    lineHeight(SIZE.legend) + 2,
    plotTop - 4,
    bottom + 4,
  );
  ends.forEach((e, i) => {
    const y = placed[i] as number;
    const from = xOf(e.end.year) + 6;
    lines.push({
      type: "line",
      x1: from,
      y1: yOf(e.end.value),
      x2: x1 + 14,
      y2: y,
      stroke: e.colour,
      width: 1,
      dashed: false,
    });
    labels.push(text(e.words, x1 + 18, y + centring(SIZE.legend), { size: SIZE.legend, fill: INK }));
  });

  const below = bottom + 6 + lineHeight(SIZE.small) + 14;
  return { shapes: [...grid, ...lines, ...dots, ...labels], bottom: below };
}

/**
 * Centres as near `wanted` as they can be while at least `gap` apart and within [low, high]: placed in order
 * top to bottom, each pushed below the one above it, then the lot pushed up if the last ran past `high`.
 */
export function nudge(wanted: readonly number[], gap: number, low: number, high: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const at: number[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const { y } of order) {
    const placed = Math.max(y, low + gap / 2, previous + gap);
    at.push(placed);
    previous = placed;
  }
  for (let k = at.length - 1; k >= 0; k--) {
    const limit = k === at.length - 1 ? high - gap / 2 : (at[k + 1] as number) - gap;
    if ((at[k] as number) > limit) at[k] = limit;
  }
  const out = new Array<number>(wanted.length);
  order.forEach(({ i }, k) => {
    out[i] = at[k] as number;
  });
  return out;
}
