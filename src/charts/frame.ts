import { INK, MUTED } from "./palette.ts";
import { centredBaseline, lineHeight, type Shape, text } from "./scene.ts";
import { ASCENT, fitText, textWidth, wrapText } from "./text-width.ts";

/**
 * What surrounds every plot: the title and subtitle above, a legend where colours stand for something, and notes
 * below. Each piece takes the top it starts at and says where it ends, so the chart grows down the page and
 * nothing is placed over anything else.
 */

/** Slack shows images at up to about 800 px wide without scaling them down. */
export const WIDTH = 800;
export const PAD = 20;
export const CONTENT = WIDTH - 2 * PAD;

export const SIZE = {
  title: 18,
  subtitle: 13,
  label: 13,
  value: 12,
  small: 11,
  legend: 12,
  note: 12,
} as const;

export interface Piece {
  shapes: Shape[];
  /** Where the next piece may start. */
  bottom: number;
}

function lines(content: string, top: number, size: number, bold: boolean, fill: string, max: number): Piece {
  const shapes: Shape[] = [];
  let y = top;
  for (const line of wrapText(content, CONTENT, size, bold, max)) {
    shapes.push(text(line, PAD, y + ASCENT * size, { size, bold, fill }));
    y += lineHeight(size) + 2;
  }
  return { shapes, bottom: y };
}

export function header(title: string, subtitle: string, top: number): Piece {
  const heading = lines(title, top, SIZE.title, true, INK, 3);
  const under = lines(subtitle, heading.bottom + 4, SIZE.subtitle, false, MUTED, 3);
  return { shapes: [...heading.shapes, ...under.shapes], bottom: under.bottom + 10 };
}

export interface LegendItem {
  label: string;
  colour: string;
  mark: "bar" | "line";
}

const SWATCH = 18;

/** The items left to right, wrapping to a new row when the next would not fit. */
export function legend(items: readonly LegendItem[], top: number): Piece {
  const shapes: Shape[] = [];
  const row = lineHeight(SIZE.legend) + 6;
  let x = PAD;
  let y = top;
  for (const item of items) {
    const label = fitText(item.label, CONTENT - SWATCH - 6, SIZE.legend);
    const width = SWATCH + 6 + textWidth(label, SIZE.legend);
    if (x > PAD && x + width > WIDTH - PAD) {
      x = PAD;
      y += row;
    }
    const middle = y + row / 2;
    if (item.mark === "bar") {
      shapes.push({ type: "rect", x, y: middle - 6, width: SWATCH, height: 12, fill: item.colour });
    } else {
      shapes.push(
        {
          type: "line",
          x1: x,
          y1: middle,
          x2: x + SWATCH,
          y2: middle,
          stroke: item.colour,
          width: 2.5,
          dashed: false,
        },
        { type: "dot", x: x + SWATCH / 2, y: middle, r: 4, fill: item.colour },
      );
    }
    shapes.push(
      text(label, x + SWATCH + 6, y + centredBaseline(row, SIZE.legend), { size: SIZE.legend, fill: INK }),
    );
    x += width + 18;
  }
  return { shapes, bottom: items.length === 0 ? top : y + row + 6 };
}

export function notes(all: readonly string[], top: number): Piece {
  const shapes: Shape[] = [];
  let y = top;
  for (const note of all) {
    const piece = lines(note, y, SIZE.note, false, MUTED, 4);
    shapes.push(...piece.shapes);
    y = piece.bottom + 2;
  }
  return { shapes, bottom: y };
}
