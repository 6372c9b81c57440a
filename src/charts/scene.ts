import { ASCENT, DESCENT, textWidth } from "./text-width.ts";

/**
 * What a chart is drawn with: rectangles, lines, dots and text at absolute positions, each text with the box it
 * takes up. The layout builds a scene and the SVG writes it out, so the boxes the tests check for overlaps are the
 * very positions drawn.
 */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Text {
  type: "text";
  /** The anchor point, on the baseline. */
  x: number;
  y: number;
  text: string;
  size: number;
  bold: boolean;
  anchor: "start" | "middle" | "end";
  fill: string;
  /** Drawn over a white outline, for text that crosses gridlines or lines. */
  halo: boolean;
  /** The space it takes: its width from the font's advances, from ascender to descender. */
  box: Box;
}

export type Shape =
  | { type: "rect"; x: number; y: number; width: number; height: number; fill: string }
  | {
      type: "line";
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      stroke: string;
      width: number;
      dashed: boolean;
    }
  | { type: "dot"; x: number; y: number; r: number; fill: string }
  | Text;

export interface Scene {
  width: number;
  height: number;
  /** The chart's title, for the SVG's own <title>. */
  title: string;
  shapes: Shape[];
}

export interface TextStyle {
  size: number;
  bold?: boolean;
  anchor?: Text["anchor"];
  fill: string;
  halo?: boolean;
}

export function text(content: string, x: number, y: number, style: TextStyle): Text {
  const anchor = style.anchor ?? "start";
  const bold = style.bold ?? false;
  const width = textWidth(content, style.size, bold);
  const left = anchor === "start" ? x : anchor === "middle" ? x - width / 2 : x - width;
  return {
    type: "text",
    x,
    y,
    text: content,
    size: style.size,
    bold,
    anchor,
    fill: style.fill,
    halo: style.halo ?? false,
    box: { x: left, y: y - ASCENT * style.size, width, height: (ASCENT + DESCENT) * style.size },
  };
}

/** The height of a line of text at `size`: two lines this far apart never touch. */
export const lineHeight = (size: number): number => (ASCENT + DESCENT) * size;

/** How far below a row's top to put the baseline of text of `size`, to centre it in a row `height` tall. */
export const centredBaseline = (height: number, size: number): number =>
  height / 2 + ((ASCENT - DESCENT) / 2) * size;

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
