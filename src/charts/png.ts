import { createRequire } from "node:module";
import type { ResvgRenderOptions } from "@resvg/resvg-js";
import { altText } from "./alt.ts";
import type { Chart } from "./chart.ts";
import { encodePng } from "./encode-png.ts";
import { BACKGROUND } from "./palette.ts";
import { chartSvg } from "./svg.ts";

/**
 * A chart as a PNG, drawn by resvg from our SVG in DejaVu Sans, the font that ships in node_modules, with the
 * system's fonts never consulted: the same chart gives the same picture on every machine, and the widths the
 * layout measured are the widths drawn. Drawn at twice the SVG's size, so it stays sharp on high-density screens
 * when Slack shows it at 800 px.
 */

export const DENSITY = 2;

const resolve = createRequire(import.meta.url).resolve;
export const FONT_FILES = [
  resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
];

export const RENDER_OPTIONS: ResvgRenderOptions = {
  fitTo: { mode: "zoom", value: DENSITY },
  // Opaque, as encodePng needs; every chart draws its own white background too.
  background: BACKGROUND,
  font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: "DejaVu Sans" },
  logLevel: "off",
};

export interface ChartImage {
  png: Buffer;
  /** The PNG's size in pixels: `DENSITY` times the SVG's. */
  width: number;
  height: number;
  svg: string;
  altText: string;
  title: string;
}

// Loaded on the first chart drawn, so that what only wants a chart's data or alt text never loads the native addon.
let resvg: Promise<typeof import("@resvg/resvg-js")> | undefined;

/**
 * Any of our SVGs as a PNG, drawn and compressed off the calling thread (resvg's renderAsync and zlib run on libuv's
 * pool), so the thread that answers stays free for the next question.
 */
export async function svgPng(svg: string): Promise<{ png: Buffer; width: number; height: number }> {
  resvg ??= import("@resvg/resvg-js");
  const { renderAsync } = await resvg;
  const image = await renderAsync(svg, RENDER_OPTIONS);
  return {
    png: await encodePng(image.pixels, image.width, image.height),
    width: image.width,
    height: image.height,
  };
}

export async function chartPng(chart: Chart): Promise<ChartImage> {
  const svg = chartSvg(chart);
  return { ...(await svgPng(svg)), svg, altText: altText(chart), title: chart.title };
}
