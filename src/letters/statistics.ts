import { findDate } from "./dates.ts";
import type { ComplianceStat, Metric, RemedyStat, Stats, UpheldStat, Warning } from "./schema.ts";

/**
 * Reads the statistics section: three sub-sections, each a headline rate, the similar-authority average, a count of
 * decisions and the base it was computed on. Each figure is read by meaning (several years' wordings), and only
 * inside its own sub-section, so an average can never be taken from the wrong rate. A figure given twice with
 * different values, or given in a way none of the patterns reads, is null with a warning: a wrong number is worse
 * than a missing one.
 */

const BODY = "(?:authority|organisation|council|local authority)";
const SIMILAR = "similar (?:authorities|organisations|councils|types of authorit(?:y|ies)|bodies)";
const PCT = "(\\d{1,3}(?:\\.\\d+)?)\\s?%";

const HEADINGS: Record<Metric, RegExp> = {
  upheld: /^(?:complaints upheld|upheld complaints)\s*:?$/i,
  compliance: /^compliance with (?:the )?(?:ombudsman'?s? )?recommendations\s*:?$/i,
  remedy: new RegExp(`^satisfactory remed(?:y|ies)(?: provided by the ${BODY})?\\s*:?$`, "i"),
};

const RATE: Record<Metric, RegExp[]> = {
  upheld: [
    new RegExp(`${PCT} of (?:the )?complaints (?:that )?we investigated (?:were|was) upheld`, "gi"),
    new RegExp(`we upheld ${PCT} of (?:the )?complaints`, "gi"),
    new RegExp(`upheld rate (?:of |was |is |for [^.]*? (?:was|is) )?:?\\s?${PCT}`, "gi"),
  ],
  compliance: [
    new RegExp(
      `in ${PCT} of cases,? we (?:were|are) satisfied (?:that )?the ${BODY} had (?:successfully )?implemented`,
      "gi",
    ),
    new RegExp(`compliance rate (?:of |was |is |for [^.]*? (?:was|is) )?:?\\s?${PCT}`, "gi"),
  ],
  remedy: [
    new RegExp(
      `in ${PCT} of upheld (?:cases|complaints),? we found (?:that )?the ${BODY} had provided a satisfactory remedy`,
      "gi",
    ),
  ],
};

/** The same patterns without the global flag, for a plain yes/no that keeps no state between calls. */
const RATE_TEST = Object.fromEntries(
  Object.entries(RATE).map(([metric, patterns]) => [
    metric,
    patterns.map((re) => new RegExp(re.source, "i")),
  ]),
) as Record<Metric, RegExp[]>;

const AVERAGE = new RegExp(`average (?:rate )?of ${PCT} (?:in|for|across|among|amongst) ${SIMILAR}`, "gi");
const COUNT: Partial<Record<Metric, RegExp>> = {
  upheld: /\b(\d{1,5})\s+upheld (?:decisions?|complaints?)\b/gi,
  remedy: /\b(\d{1,5})\s+satisfactory remedy (?:decisions?|cases?)\b/gi,
};
const BASE: Record<Metric, RegExp> = {
  upheld: /based on (?:a total of )?(\d{1,5}) detailed investigations?\b/gi,
  compliance: /based on (?:a total of )?(\d{1,5}) compliance outcomes?\b/gi,
  remedy: /based on (?:a total of )?(\d{1,5}) detailed investigations?\b/gi,
};
const PERIOD = /period (?:between|from) (.{8,20}?\d{4}) (?:to|and|until) (.{8,20}?\d{4})/gi;

const METRICS: Metric[] = ["upheld", "compliance", "remedy"];

export interface StatisticsResult {
  stats: Stats;
  /** The period the statistics cover, when every sub-section that states one agrees. */
  period: { start: string; end: string } | null;
  warnings: Warning[];
}

/** Split the letter's lines into the three sub-sections; a line that heads one, or states its rate, opens it. */
function sections(paragraphs: string[]): Map<Metric, string> {
  const lines = paragraphs.flatMap((p) => p.split("\n"));
  const found = new Map<Metric, string[]>();
  let current: string[] | undefined;
  for (const line of lines) {
    const heading = line.length < 90 ? METRICS.find((metric) => HEADINGS[metric].test(line)) : undefined;
    const opens =
      heading ??
      (line.includes("%")
        ? METRICS.find((metric) => !found.has(metric) && RATE_TEST[metric].some((re) => re.test(line)))
        : undefined);
    if (opens) {
      if (!found.has(opens)) found.set(opens, []);
      // A second heading for the same metric keeps reading into the section we have.
      current = found.get(opens);
      if (!heading) current?.push(line);
      continue;
    }
    // Boilerplate definitions ("Complaints upheld - We uphold complaints when...") come before the statistics and are
    // long; they never open a section, and text before the first heading belongs to none.
    current?.push(line);
  }
  const out = new Map<Metric, string>();
  for (const [metric, body] of found) out.set(metric, body.join(" "));
  return out;
}

function matches(pattern: RegExp, text: string): string[] {
  pattern.lastIndex = 0;
  return [...text.matchAll(pattern)].map((m) => m[1] ?? "");
}

/** One figure from a section: the value all matches agree on, or null (with a warning) when absent or in conflict. */
function figure(
  metric: Metric,
  field: string,
  patterns: RegExp[],
  text: string,
  warnings: Warning[],
  opts: { percent?: boolean; optional?: boolean } = {},
): number | null {
  const values = new Set(patterns.flatMap((p) => matches(p, text)).map(Number));
  const path = `stats.${metric}.${field}`;
  if (values.size === 0) {
    if (!opts.optional) warnings.push({ field: path, message: "not found in the letter's statistics" });
    return null;
  }
  if (values.size > 1) {
    warnings.push({
      field: path,
      message: `the letter gives conflicting values (${[...values].join(", ")})`,
    });
    return null;
  }
  const [value] = [...values] as [number];
  if (!Number.isFinite(value) || (opts.percent && value > 100)) {
    warnings.push({ field: path, message: `${value} is not a possible value` });
    return null;
  }
  return value;
}

export function readStatistics(paragraphs: string[]): StatisticsResult {
  const warnings: Warning[] = [];
  const found = sections(paragraphs);
  const stats: Stats = { upheld: null, compliance: null, remedy: null };

  if (found.size === 0) {
    warnings.push({ field: "stats", message: "the letter has no statistics section; all figures are null" });
    return { stats, period: null, warnings };
  }
  for (const metric of METRICS) {
    if (!found.has(metric)) {
      warnings.push({
        field: `stats.${metric}`,
        message: "this statistics section is missing from the letter",
      });
    }
  }

  const upheld = found.get("upheld");
  if (upheld !== undefined) {
    const stat: UpheldStat = {
      rate: figure("upheld", "rate", RATE.upheld, upheld, warnings, { percent: true }),
      similarAverage: figure("upheld", "similarAverage", [AVERAGE], upheld, warnings, { percent: true }),
      count: figure("upheld", "count", [COUNT.upheld as RegExp], upheld, warnings),
      investigations: figure("upheld", "investigations", [BASE.upheld], upheld, warnings),
    };
    stats.upheld = stat;
  }
  const compliance = found.get("compliance");
  if (compliance !== undefined) {
    const stat: ComplianceStat = {
      rate: figure("compliance", "rate", RATE.compliance, compliance, warnings, { percent: true }),
      similarAverage: figure("compliance", "similarAverage", [AVERAGE], compliance, warnings, {
        percent: true,
      }),
      outcomes: figure("compliance", "outcomes", [BASE.compliance], compliance, warnings),
    };
    stats.compliance = stat;
  }
  const remedy = found.get("remedy");
  if (remedy !== undefined) {
    const stat: RemedyStat = {
      rate: figure("remedy", "rate", RATE.remedy, remedy, warnings, { percent: true }),
      similarAverage: figure("remedy", "similarAverage", [AVERAGE], remedy, warnings, { percent: true }),
      count: figure("remedy", "count", [COUNT.remedy as RegExp], remedy, warnings),
      investigations: figure("remedy", "investigations", [BASE.remedy], remedy, warnings),
    };
    stats.remedy = stat;
  }

  return { stats, period: readPeriod([...found.values()].join(" "), warnings), warnings };
}

function readPeriod(text: string, warnings: Warning[]): { start: string; end: string } | null {
  PERIOD.lastIndex = 0;
  const periods = new Set<string>();
  for (const match of text.matchAll(PERIOD)) {
    const start = findDate(match[1] ?? "");
    const end = findDate(match[2] ?? "");
    if (start && end) periods.add(`${start}/${end}`);
  }
  if (periods.size === 0) return null;
  if (periods.size > 1) {
    warnings.push({
      field: "period",
      message: `the statistics state different periods (${[...periods].join(", ")})`,
    });
    return null;
  }
  const [start = "", end = ""] = [...periods][0]?.split("/") ?? [];
  return { start, end };
}
