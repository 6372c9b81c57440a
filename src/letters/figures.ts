/**
 * What a figure printed in a letter can be. A letter's figures are small whole numbers, percentages of at most
 * 100 and, from 2024, upheld decisions per 100,000 residents to one decimal; anything else was misprinted or
 * mangled in conversion (a footnote or page number glued on: "1081%"; a stray dash: "-81%"), and is refused
 * rather than read as the nearest plausible value.
 */
export type Kind = "percent" | "count" | "overview" | "perResidents";

export type Reading = { value: number } | { problem: string } | { na: true };

/** The most a council's figure can plausibly be: LGSCO decides about 20,000 complaints a year in all. */
const MAX: Record<Kind, number> = { percent: 100, count: 1000, overview: 5000, perResidents: 100 };

const THOUSANDS = /^\d{1,3}(?:,\d{3})+$/;

export function reading(raw: string, kind: Kind): Reading {
  const text = raw.trim();
  if (text.length === 3 && text.toLowerCase() === "n/a") return { na: true };
  const shown = text.length > 20 ? `${text.slice(0, 20)}…` : text;
  const unit = kind === "percent" ? "%" : "";
  if (text.startsWith("-")) return { problem: `"${shown}${unit}" is negative` };
  let digits = text;
  if (digits.includes(",")) {
    if (!THOUSANDS.test(digits) || kind === "percent" || kind === "perResidents")
      return { problem: `"${shown}${unit}" is not a number as letters print them` };
    digits = digits.replace(/,/g, "");
  }
  if (digits.charCodeAt(0) === 48 && digits.charCodeAt(1) >= 48 && digits.charCodeAt(1) <= 57) {
    return { problem: `"${shown}${unit}" starts with a zero: digits may be glued to the figure` };
  }
  const decimal = digits.includes(".");
  if (decimal && kind !== "percent" && kind !== "perResidents") {
    return { problem: `"${shown}" is not a whole number` };
  }
  const value = Number(digits);
  if (!Number.isFinite(value)) return { problem: `"${shown}${unit}" is not a number` };
  if (value > MAX[kind]) {
    return {
      problem:
        kind === "percent"
          ? `"${shown}%" is over 100%: digits may be glued to the figure`
          : `"${shown}" is far larger than any council's figure: digits may be glued to it`,
    };
  }
  return { value };
}
