/**
 * How numbers and lists are said in English, in one place for every layer that writes sentences (answers, the
 * CLI, Slack, the digest): "1 point" / "3 points", "1st", "Bury, Sefton and Stockport", "81%" or "n/a".
 */

const ORDINAL_RULES = new Intl.PluralRules("en-GB", { type: "ordinal" });
const ORDINAL_SUFFIX: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinal(n: number): string {
  return `${n}${ORDINAL_SUFFIX[ORDINAL_RULES.select(n)] ?? "th"}`;
}

/** "1 point", "3 points"; `many` for irregular plurals ("1 authority", "2 authorities"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** The word alone, singular or plural by `n`. */
export function noun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

const AND = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });
const OR = new Intl.ListFormat("en-GB", { style: "long", type: "disjunction" });

/** "Bury, Sefton and Stockport" (British style: no comma before "and"). */
export function listAnd(items: readonly string[]): string {
  return AND.format(items);
}

/** "Somerset Council or Somerset County Council". */
export function listOr(items: readonly string[]): string {
  return OR.format(items);
}

/** A rate as printed: "81%", or "n/a" where there is none. */
export function percent(value: number | null): string {
  return value === null ? "n/a" : `${value}%`;
}

/** "14 points", "1 point", "0.5 points": a difference between two rates. */
export function points(value: number): string {
  const size = Math.round(Math.abs(value) * 10) / 10;
  return `${size.toLocaleString("en-GB")} ${size === 1 ? "point" : "points"}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A rate as a bar of ten cells, filled by tenths: "████████░░" for 81%; an empty bar where there is none. */
export function bar(rate: number | null, width = 10): string {
  if (rate === null) return "░".repeat(width);
  const filled = Math.max(0, Math.min(width, Math.round((rate / 100) * width)));
  return "█".repeat(filled) + "░".repeat(width - filled);
}
