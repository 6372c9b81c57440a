import { formatFigure, type Unit } from "./chart.ts";

/**
 * The value axis: a percentage always runs 0–100% with gridlines at quarters, so that two charts side by side in a
 * channel read alike; a figure per 100,000 residents runs from 0 to a round number just above the largest figure.
 */

export interface Scale {
  max: number;
  ticks: number[];
  /** A tick's label: "75%", "2". */
  tick: (value: number) => string;
  /** A figure's label: "88%", "6.1". */
  figure: (value: number) => string;
}

const STEPS = [0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000];

export function scaleFor(unit: Unit, values: readonly number[]): Scale {
  const figure = (value: number) => formatFigure(unit, value);
  if (unit === "percent") return { max: 100, ticks: [0, 25, 50, 75, 100], tick: (v) => `${v}%`, figure };
  const largest = Math.max(0, ...values);
  const step = STEPS.find((s) => largest <= s * 4) ?? 10 ** Math.ceil(Math.log10(largest / 4));
  const intervals = Math.max(1, Math.ceil(largest / step));
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => Math.round(i * step * 10) / 10);
  return { max: intervals * step, ticks, tick: (v) => v.toFixed(Number.isInteger(step) ? 0 : 1), figure };
}
