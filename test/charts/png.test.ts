import { Resvg } from "@resvg/resvg-js";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { type Chart, type ChartImage, chartFor, chartPng, DENSITY } from "../../src/charts/index.ts";
import { RENDER_OPTIONS, svgPng } from "../../src/charts/png.ts";
import { text } from "../../src/charts/scene.ts";
import { sceneSvg } from "../../src/charts/svg.ts";
import { answerTo, QUESTIONS } from "./answers.ts";

/**
 * The PNGs decode at twice the SVG's size and show the bars and the average markers; they hold the very pixels
 * resvg draws; and text is drawn no wider than the layout measured it.
 */

type Kind = keyof typeof QUESTIONS;
const charts = Object.fromEntries(
  Object.entries(QUESTIONS).map(([kind, question]) => [kind, chartFor(answerTo(question)) as Chart]),
) as Record<Kind, Chart>;
const images = {} as Record<Kind, ChartImage>;

beforeAll(async () => {
  // All four at once: resvg draws on libuv's pool.
  const drawn = await Promise.all(Object.values(charts).map(chartPng));
  Object.keys(charts).forEach((kind, i) => {
    images[kind as Kind] = drawn[i] as ChartImage;
  });
});

/** How many pixels are exactly this colour. */
function count(png: PNG, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b) n++;
  return n;
}

describe("chartPng", () => {
  it.each(Object.keys(QUESTIONS) as Kind[])("draws the %s chart as a PNG twice the SVG's size", (kind) => {
    const image = images[kind];
    const height = Number(/<svg [^>]*height="(\d+)"/.exec(image.svg)?.[1]);
    const png = PNG.sync.read(image.png);
    expect([png.width, png.height]).toEqual([800 * DENSITY, height * DENSITY]);
    expect([image.width, image.height]).toEqual([png.width, png.height]);
    expect(image.altText).toMatch(/^(Bar|Grouped bar|Line) chart: /);
    expect(image.title).toBe(charts[kind].title);
    // The first series' blue is drawn, as bars or lines.
    expect(count(png, "#0072B2")).toBeGreaterThan(1000);
  });

  it("shows every average marker: a black tick over each bar", () => {
    const image = images.rates;
    const png = PNG.sync.read(image.png);
    const ticks = [
      ...image.svg.matchAll(/<line x1="([\d.]+)" y1="([\d.]+)" x2="[\d.]+" y2="([\d.]+)" stroke="#000000"/g),
    ];
    expect(ticks).toHaveLength(3);
    for (const [, x, y1, y2] of ticks) {
      // The middle of the tick, where it crosses the bar (or its end), is black.
      const column = Math.round(Number(x) * DENSITY);
      const row = Math.round(((Number(y1) + Number(y2)) / 2) * DENSITY);
      const at = (row * png.width + column) * 4;
      expect([...png.data.subarray(at, at + 3)].every((c) => c < 60)).toBe(true);
    }
  });

  it("encodes the very pixels resvg draws", () => {
    const image = images.rates;
    const own = PNG.sync.read(new Resvg(image.svg, RENDER_OPTIONS).render().asPng());
    const ours = PNG.sync.read(image.png);
    expect([ours.width, ours.height]).toEqual([own.width, own.height]);
    expect(Buffer.compare(ours.data, own.data)).toBe(0);
  });

  it("draws text no wider than the layout measured it", async () => {
    const samples = [
      text("WWW Bath and North East Somerset — ‘quoted’ … é", 10, 30, { size: 13, fill: "#000000" }),
      text("Royal Borough of Windsor and Maidenhead 100%", 10, 60, { size: 18, bold: true, fill: "#000000" }),
    ];
    const drawn = await svgPng(sceneSvg({ width: 800, height: 80, title: "widths", shapes: samples }));
    const png = PNG.sync.read(drawn.png);
    for (const sample of samples) {
      const top = Math.floor(sample.box.y * DENSITY);
      const bottom = Math.ceil((sample.box.y + sample.box.height) * DENSITY);
      let left = Number.POSITIVE_INFINITY;
      let right = 0;
      for (let y = top; y < bottom; y++)
        for (let x = 0; x < png.width; x++) {
          if ((png.data[(y * png.width + x) * 4] as number) < 128) {
            left = Math.min(left, x);
            right = Math.max(right, x + 1);
          }
        }
      const inked = (right - left) / DENSITY;
      expect(left / DENSITY).toBeGreaterThanOrEqual(sample.box.x - 0.5);
      expect(inked).toBeLessThanOrEqual(sample.box.width);
      // And not a loose bound: the advances are the font's own.
      expect(inked).toBeGreaterThan(sample.box.width * 0.95);
    }
  });
});
