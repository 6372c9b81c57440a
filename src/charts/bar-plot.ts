import { PAD, type Piece, SIZE, WIDTH } from "./frame.ts";
import { AXIS, GRID, INK, inkOn, MARKER, MUTED } from "./palette.ts";
import type { Scale } from "./scale.ts";
import { centredBaseline, lineHeight, type Shape, text } from "./scene.ts";
import { ASCENT, fitText, textWidth } from "./text-width.ts";

/**
 * Horizontal bars, one a row, each with its similar-authority average as a black tick across the bar and a small
 * "avg 75%" above it; rows in groups under a heading (one group a rate, in a comparison). Where every bar of a group
 * has the same average, the ticks of adjacent rows meet in one line and it is labelled once. A row with no figure
 * says why in words where its bar would be: a rate over no cases is never drawn as 0.
 *
 * The label column is as wide as the longest label (up to `MAX_LABEL`, past which names are cut with "…"); the
 * value axis takes the rest, leaving room at its end for a value label beyond a full bar.
 */

export interface BarRow {
  label: string;
  value: number | null;
  /** Said in place of the bar when `value` is null. */
  missingText: string;
  colour: string;
  average: number | null;
}

export interface BarGroup {
  heading: string | null;
  rows: BarRow[];
}

const MAX_LABEL = 260;
const BAR = 20;
/** Between rows: twice the tick's overhang, so the ticks of adjacent rows meet. */
const GAP = 8;
const OVERHANG = 4;
/** Above a bar whose average is labelled. */
const BAND = Math.ceil(lineHeight(SIZE.small)) + 4;
/** A value label keeps this far from the average tick. */
const CLEARANCE = 4;

export function barPlot(groups: readonly BarGroup[], scale: Scale, top: number): Piece {
  const rows = groups.flatMap((g) => g.rows);
  const labelWidth = Math.min(MAX_LABEL, Math.max(0, ...rows.map((r) => textWidth(r.label, SIZE.label))));
  const valueLabels = [
    scale.figure(scale.max),
    ...rows.flatMap((r) => (r.value === null ? [] : [scale.figure(r.value)])),
  ];
  const valueWidth = Math.max(...valueLabels.map((v) => textWidth(v, SIZE.value, true)));
  const lastTick = textWidth(scale.tick(scale.max), SIZE.small) / 2;
  const x0 = PAD + labelWidth + 12;
  const x1 = WIDTH - PAD - Math.max(valueWidth + 8, lastTick + 2);
  const xOf = (value: number) => x0 + Math.min(1, Math.max(0, value / scale.max)) * (x1 - x0);

  const grid: Shape[] = [];
  const bars: Shape[] = [];
  const ticks: Shape[] = [];
  const labels: Shape[] = [];
  let y = top;

  /** "avg 75%" centred over the tick, kept inside the plot. */
  const averageLabel = (average: number, rowTop: number) => {
    const content = `avg ${scale.figure(average)}`;
    const half = textWidth(content, SIZE.small) / 2;
    const centre = Math.min(WIDTH - PAD - half, Math.max(x0 + half, xOf(average)));
    labels.push(
      text(content, centre, rowTop - 7, { size: SIZE.small, anchor: "middle", fill: INK, halo: true }),
    );
  };

  for (const group of groups) {
    if (group.heading !== null) {
      labels.push(
        text(fitText(group.heading, WIDTH - 2 * PAD, SIZE.label, true), PAD, y + ASCENT * SIZE.label, {
          size: SIZE.label,
          bold: true,
          fill: INK,
        }),
      );
      y += lineHeight(SIZE.label) + 6;
    }
    const drawn = group.rows.filter((r) => r.value !== null);
    const averages = new Set(drawn.map((r) => r.average));
    const shared = drawn.length >= 2 && averages.size === 1 && drawn[0]?.average !== null;
    const groupTop = y;
    let sharedLabelled = false;
    for (const row of group.rows) {
      const labelled = row.value !== null && row.average !== null;
      if (labelled && (!shared || !sharedLabelled)) y += BAND;
      const rowTop = y;
      labels.push(
        text(fitText(row.label, labelWidth, SIZE.label), PAD, rowTop + centredBaseline(BAR, SIZE.label), {
          size: SIZE.label,
          fill: INK,
        }),
      );
      if (row.value === null) {
        labels.push(
          text(
            fitText(row.missingText, WIDTH - PAD - x0 - 4, SIZE.label),
            x0 + 4,
            rowTop + centredBaseline(BAR, SIZE.label),
            {
              size: SIZE.label,
              fill: MUTED,
              halo: true,
            },
          ),
        );
        y += BAR + GAP;
        continue;
      }
      const end = xOf(row.value);
      if (end > x0)
        bars.push({ type: "rect", x: x0, y: rowTop, width: end - x0, height: BAR, fill: row.colour });
      const tick = row.average === null ? null : xOf(row.average);
      if (tick !== null && row.average !== null) {
        ticks.push({
          type: "line",
          x1: tick,
          y1: rowTop - OVERHANG,
          x2: tick,
          y2: rowTop + BAR + OVERHANG,
          stroke: MARKER,
          width: 2,
          dashed: false,
        });
        if (!shared || !sharedLabelled) averageLabel(row.average, rowTop);
        sharedLabelled = true;
      }
      labels.push(valueLabel(scale.figure(row.value), end, tick, x0, rowTop, row.colour));
      y += BAR + GAP;
    }
    const groupBottom = y - GAP + OVERHANG;
    for (const t of scale.ticks) {
      const x = xOf(t);
      grid.push({
        type: "line",
        x1: x,
        y1: groupTop,
        x2: x,
        y2: groupBottom,
        stroke: t === 0 ? AXIS : GRID,
        width: 1,
        dashed: false,
      });
    }
    y = groupBottom + 10;
  }
  for (const t of scale.ticks) {
    labels.push(
      text(scale.tick(t), xOf(t), y + ASCENT * SIZE.small, {
        size: SIZE.small,
        anchor: "middle",
        fill: MUTED,
      }),
    );
  }
  y += lineHeight(SIZE.small) + 12;
  return { shapes: [...grid, ...bars, ...ticks, ...labels], bottom: y };
}

/**
 * The figure at the bar's end: outside it if it clears the average tick, else inside it, else past the tick. Either
 * way it never crosses the tick, and the plot leaves room for it after a full bar.
 */
function valueLabel(
  content: string,
  end: number,
  tick: number | null,
  x0: number,
  rowTop: number,
  colour: string,
) {
  const width = textWidth(content, SIZE.value, true);
  const clear = (left: number) => tick === null || left + width < tick - CLEARANCE || left > tick + CLEARANCE;
  const baseline = rowTop + centredBaseline(BAR, SIZE.value);
  const style = { size: SIZE.value, bold: true } as const;
  if (clear(end + 5)) return text(content, end + 5, baseline, { ...style, fill: INK });
  if (end - 5 - width >= x0 + 3 && clear(end - 5 - width))
    return text(content, end - 5, baseline, { ...style, anchor: "end", fill: inkOn(colour) });
  return text(content, (tick ?? end) + CLEARANCE + 2, baseline, { ...style, fill: INK });
}
