import { z } from "zod";
import { type HeldLetter, Metric } from "../letters/schema.ts";

/**
 * What an answer can measure a council by: the letters' three rates, and from 2024 the upheld decisions per 100,000
 * residents. Each is defined once here: its names, what it means, which way is better, and how it is read from a
 * letter. Every answer (ranking, "best", "worst", "better", "worse") takes its direction from `better`.
 */
export const Measure = z.enum([...Metric.options, "perResidents"]);
export type Measure = z.infer<typeof Measure>;

export interface MeasureInfo {
  measure: Measure;
  label: string;
  /** As said inside a sentence: "upheld rate", "compliance rate". */
  short: string;
  /** What a letter that gives it has: "a 2024 upheld rate", "a 2024 figure per 100,000 residents" (`{year}`). */
  having: string;
  /** What it means, in our words, from the letters' own definitions. */
  meaning: string;
  /** Which way is better for the council. */
  better: "higher" | "lower";
  /** "%" for a rate; a figure per 100,000 residents has its own unit. */
  unit: "%" | " per 100,000";
  /** What the figure is computed on, as a plural noun, or null when the letter gives no base. */
  baseLabel: string | null;
  /** The first year whose letters give it. */
  since: number;
}

export const MEASURES: Record<Measure, MeasureInfo> = {
  upheld: {
    measure: "upheld",
    having: "a {year} upheld rate",
    label: "Complaints upheld",
    short: "upheld rate",
    meaning:
      "The share of complaints the Ombudsman investigated in detail and upheld, that is, found some fault in the council's actions (including fault the council had already accepted). It measures how often things went wrong, not how many complaints there were; lower is better.",
    better: "lower",
    unit: "%",
    baseLabel: "investigations",
    since: 2019,
  },
  compliance: {
    measure: "compliance",
    having: "a {year} compliance rate",
    label: "Compliance with recommendations",
    short: "compliance rate",
    meaning:
      "The share of cases where the Ombudsman was satisfied the council had carried out the recommendations it made to put things right (remedies for the complainant and service improvements). Failing to comply is rare; a rate below 100% means some recommendations were not carried out and those cases deserve a look.",
    better: "higher",
    unit: "%",
    baseLabel: "compliance outcomes",
    since: 2019,
  },
  remedy: {
    measure: "remedy",
    having: "a {year} remedy rate",
    label: "Satisfactory remedy",
    short: "remedy rate",
    meaning:
      "Of the upheld complaints, the share where the council had already offered a satisfactory remedy before the complaint reached the Ombudsman. It credits councils that put things right early; higher is better.",
    better: "higher",
    unit: "%",
    baseLabel: "upheld complaints",
    since: 2019,
  },
  perResidents: {
    measure: "perResidents",
    having: "a {year} figure per 100,000 residents",
    label: "Upheld decisions per 100,000 residents",
    short: "upheld decisions per 100,000 residents",
    meaning:
      "How many complaints the Ombudsman upheld for every 100,000 people living in the council's area, so that large and small councils can be compared; lower is better. The letters give it from 2024.",
    better: "lower",
    unit: " per 100,000",
    baseLabel: null,
    since: 2024,
  },
};

export const METRIC_LIST: Metric[] = ["upheld", "compliance", "remedy"];
export const MEASURE_LIST: Measure[] = [...METRIC_LIST, "perResidents"];

/** The three rates as the digest and older callers name them. */
export const METRICS: Record<Metric, MeasureInfo> = {
  upheld: MEASURES.upheld,
  compliance: MEASURES.compliance,
  remedy: MEASURES.remedy,
};

/**
 * A letter's figure for a measure, its similar-authority average, and what it is computed on. A rate over no cases
 * (no investigations, no recommendations due) is not calculable: `value` null and `noCases` true, so that it is
 * never ranked or averaged as if it were 0% or 100%.
 */
export interface Reading {
  value: number | null;
  average: number | null;
  base: number | null;
  noCases: boolean;
}

export function readingOf(letter: HeldLetter, measure: Measure): Reading {
  const { upheld, compliance, remedy } = letter.stats;
  switch (measure) {
    case "upheld":
      return reading(upheld?.rate, upheld?.similarAverage, upheld?.investigations);
    case "compliance":
      return reading(compliance?.rate, compliance?.similarAverage, compliance?.outcomes);
    case "remedy":
      return reading(remedy?.rate, remedy?.similarAverage, upheld?.count ?? remedy?.investigations);
    case "perResidents": {
      const per = upheld?.perHundredThousand;
      return { value: per?.value ?? null, average: per?.similarAverage ?? null, base: null, noCases: false };
    }
  }
}

function reading(
  rate: number | null | undefined,
  average: number | null | undefined,
  base: number | null | undefined,
): Reading {
  const noCases = base === 0;
  return {
    value: noCases ? null : (rate ?? null),
    average: average ?? null,
    base: base ?? null,
    noCases,
  };
}

/** Whether `a` is better than `b` on this measure (equal: neither). */
export function isBetter(measure: Measure, a: number, b: number): boolean {
  return MEASURES[measure].better === "higher" ? a > b : a < b;
}

/** A figure as printed: "81%", or per 100,000 residents with its one decimal ("4.0"). */
export function formatValue(measure: Measure, value: number | null): string {
  if (value === null) return "n/a";
  return measure === "perResidents" ? value.toFixed(1) : `${value}%`;
}
