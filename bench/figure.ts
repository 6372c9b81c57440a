/** One measured figure beside its target. Later issues add their own benchmarks returning these. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** null: printed for the reader beside the figures that have one, and never missed. */
  target: number | null;
  /** "min": the value must be at least the target; "max": at most. */
  kind: "min" | "max";
  /** How the value was printed (rounding, thousands separators). */
  digits?: number;
  /**
   * A figure measured at each store size: its series (the same for every size), the store's letters, and the
   * absolute measurement behind the ratio (ms, MB), whose growth with the store the growth table shows.
   */
  growth?: { series: string; letters: number; absolute: number; unit: string };
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export function met(figure: Figure): boolean {
  if (figure.target === null) return true;
  return figure.kind === "min" ? figure.value >= figure.target : figure.value <= figure.target;
}

const number = (value: number, digits = 0) =>
  value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function renderFigure(figure: Figure): string {
  const value = `${number(figure.value, figure.digits)} ${figure.unit}`;
  if (figure.target === null)
    return `${figure.name.padEnd(44)}${value.padStart(18)}   (no target: for the reader)`;
  const target = `target ${figure.kind === "min" ? "≥" : "≤"} ${number(figure.target, figure.digits)} ${figure.unit}`;
  return `${figure.name.padEnd(44)}${value.padStart(18)}   ${target.padEnd(26)}${met(figure) ? "met" : "MISSED"}`;
}

/** A store size as the figures' names give it: "[10,000 letters]". */
export const atSize = (letters: number): string => `[${number(letters)} letters]`;

/**
 * How each series grows with the store: its absolute measurement at each size, what each 1,000 letters add from the
 * smallest to the largest, and its shape: flat (within 15% across the sizes), linear or less (the letters past the
 * middle size cost at most twice as much each as those before it: a heap twice the size costs the collector more per
 * object; quadratic work gives four times between these sizes), or faster than linear.
 */
export function renderGrowth(figures: readonly Figure[]): string[] {
  const series = new Map<string, NonNullable<Figure["growth"]>[]>();
  for (const figure of figures) {
    if (!figure.growth) continue;
    const list = series.get(figure.growth.series) ?? [];
    list.push(figure.growth);
    series.set(figure.growth.series, list);
  }
  const sizes = [...new Set([...series.values()].flat().map((g) => g.letters))].sort((a, b) => a - b);
  if (sizes.length < 2) return [];
  const cell = (value: number, unit: string) => `${number(value, Math.abs(value) < 10 ? 2 : 0)} ${unit}`;
  const lines = [
    "growth with the store (absolute figures)",
    `${"".padEnd(36)}${sizes.map((n) => number(n).padStart(12)).join("")}${"per 1,000".padStart(12)}  shape`,
  ];
  for (const [name, list] of series) {
    const points = sizes.flatMap((n) => list.filter((g) => g.letters === n));
    const first = points[0];
    const last = points.at(-1);
    if (!first || !last || points.length < 2) continue;
    const slope = (a: (typeof points)[number], b: (typeof points)[number]) =>
      (b.absolute - a.absolute) / (b.letters - a.letters);
    const flat =
      Math.max(...points.map((p) => p.absolute)) <= 1.15 * Math.min(...points.map((p) => p.absolute));
    const early = points.length > 2 ? slope(first, points[1] as (typeof points)[number]) : slope(first, last);
    const late =
      points.length > 2 ? slope(points.at(-2) as (typeof points)[number], last) : slope(first, last);
    const shape = flat
      ? "flat"
      : late <= 2 * Math.max(early, 0) || late <= 0
        ? "linear or less"
        : "FASTER THAN LINEAR";
    const cells = sizes.map((n) => {
      const g = list.find((p) => p.letters === n);
      return (g ? cell(g.absolute, g.unit) : "–").padStart(12);
    });
    lines.push(
      `${name.padEnd(36)}${cells.join("")}${cell(slope(first, last) * 1000, first.unit).padStart(12)}  ${shape}`,
    );
  }
  return lines;
}
