import type { Letter, Metric } from "../letters/schema.ts";

/** How each rate is named, recognised in a question, explained and read from a letter. */
export interface MetricInfo {
  metric: Metric;
  label: string;
  short: string;
  /** Words that name the metric in a question. */
  words: RegExp;
  /** What it means, in our words, from the letters' own definitions. */
  meaning: string;
  /** Whether a higher rate is better for the council (used to say "better"/"worse", never to rank). */
  higherIsBetter: boolean;
}

export const METRICS: Record<Metric, MetricInfo> = {
  upheld: {
    metric: "upheld",
    label: "Complaints upheld",
    short: "upheld",
    words: /\b(?:upheld|uphold\w*|fault\w*|complaints? (?:rate|upheld))\b/i,
    meaning:
      "The share of complaints the Ombudsman investigated in detail and upheld, that is, found some fault in the council's actions (including fault the council had already accepted). It measures how often things went wrong, not how many complaints there were; lower is better.",
    higherIsBetter: false,
  },
  compliance: {
    metric: "compliance",
    label: "Compliance with recommendations",
    short: "compliance",
    words: /\b(?:complian\w*|comply|complied|recommendations? (?:implemented|followed))\b/i,
    meaning:
      "The share of cases where the Ombudsman was satisfied the council had carried out the recommendations it made to put things right. Failing to comply is rare; a rate below 100% means some recommendations were not carried out and those cases deserve a look.",
    higherIsBetter: true,
  },
  remedy: {
    metric: "remedy",
    label: "Satisfactory remedy",
    short: "remedy",
    words: /\b(?:remed\w*|put(?:ting)? (?:things|it) right|resolved early|early resolution)\b/i,
    meaning:
      "Of the upheld complaints, the share where the council had already offered a satisfactory remedy before the complaint reached the Ombudsman. It credits councils that put things right early; higher is better.",
    higherIsBetter: true,
  },
};

export const METRIC_LIST: Metric[] = ["upheld", "compliance", "remedy"];

/** The rate and similar-authority average of a metric in a letter, or nulls where the letter does not give them. */
export function rateOf(letter: Letter, metric: Metric): { rate: number | null; average: number | null } {
  const stat = letter.stats[metric];
  return { rate: stat?.rate ?? null, average: stat?.similarAverage ?? null };
}

/** The number of cases a rate is computed on (investigations, compliance outcomes, or upheld decisions). */
export function baseOf(letter: Letter, metric: Metric): number | null {
  const { upheld, compliance } = letter.stats;
  if (metric === "upheld") return upheld?.investigations ?? null;
  if (metric === "compliance") return compliance?.outcomes ?? null;
  return upheld?.count ?? null;
}

export function findMetric(text: string): Metric | undefined {
  return METRIC_LIST.find((metric) => METRICS[metric].words.test(text));
}
