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
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

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
