import type { Chart } from "./chart.ts";
import { layout } from "./layout.ts";
import { BACKGROUND } from "./palette.ts";
import type { Scene, Shape } from "./scene.ts";

/**
 * A chart as SVG 1.1 text, written from its scene: plain elements with absolute coordinates, so that resvg (or a
 * browser) draws it without scripts, styles or external references. Deterministic: no ids, no dates, numbers
 * rounded to two decimals, so the same chart gives the same bytes and a snapshot shows any change.
 */

export function chartSvg(chart: Chart): string {
  return sceneSvg(layout(chart));
}

/** Every character that could end text or an attribute, as an entity. */
export function escapeXml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`,
  );
}

/** "12.5", "3", never "-0" or "1e-7". */
function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? "0" : String(rounded);
}

function shapeSvg(shape: Shape): string {
  switch (shape.type) {
    case "rect":
      return `<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" fill="${shape.fill}"/>`;
    case "line":
      return `<line x1="${n(shape.x1)}" y1="${n(shape.y1)}" x2="${n(shape.x2)}" y2="${n(shape.y2)}" stroke="${shape.stroke}" stroke-width="${n(shape.width)}"${shape.dashed ? ' stroke-dasharray="5 4"' : ""}/>`;
    case "dot":
      return `<circle cx="${n(shape.x)}" cy="${n(shape.y)}" r="${n(shape.r)}" fill="${shape.fill}"/>`;
    case "text": {
      const attributes = `x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.size)}"${shape.bold ? ' font-weight="bold"' : ""}${shape.anchor === "start" ? "" : ` text-anchor="${shape.anchor}"`}`;
      const content = escapeXml(shape.text);
      // SVG 1.1 has no paint-order: the halo is the same text drawn first with a wide white stroke.
      const halo = shape.halo
        ? `<text ${attributes} fill="${BACKGROUND}" stroke="${BACKGROUND}" stroke-width="3" stroke-linejoin="round">${content}</text>`
        : "";
      return `${halo}<text ${attributes} fill="${shape.fill}">${content}</text>`;
    }
  }
}

export function sceneSvg(scene: Scene): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="DejaVu Sans">`,
    `<title>${escapeXml(scene.title)}</title>`,
    `<rect width="${scene.width}" height="${scene.height}" fill="${BACKGROUND}"/>`,
    ...scene.shapes.map(shapeSvg),
    "</svg>",
    "",
  ].join("\n");
}
