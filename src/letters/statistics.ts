import { findDate } from "./dates.ts";
import type { ComplianceStat, Metric, RemedyStat, Stats, UpheldStat, Warning } from "./schema.ts";

/**
 * Reads the statistics section: three sub-sections, each a headline rate, the similar-authority average, a count of
 * decisions and the base it was computed on. Each figure is read by meaning (several years' wordings), and only
 * inside its own sub-section; an average only where it follows that section's rate ("This compares to an average
 * of..."), so it can never be taken from the wrong rate when a heading is lost or out of place. A figure given twice with
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

/** One pass that rules out most lines before asking which heading a line is. */
const ANY_HEADING = new RegExp(
  Object.values(HEADINGS)
    .map((re) => `(?:${re.source})`)
    .join("|"),
  "i",
);

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
/**
 * A count is a figure with its caption: "13" over "upheld decisions", or "13 upheld decisions", at the start of a
 * line or sentence. A number that ends some other line ("Annual Review letter 2020" above a stray caption) is not.
 */
const COUNT: Partial<Record<Metric, RegExp>> = {
  upheld: /(?:^|\n|[.!?]\s)[-*\s]*(\d{1,5})\s+upheld (?:decisions?|complaints?)\b/gi,
  remedy: /(?:^|\n|[.!?]\s)[-*\s]*(\d{1,5})\s+satisfactory remedy (?:decisions?|cases?)\b/gi,
};
const BASE: Record<Metric, RegExp> = {
  upheld: /based on (?:a total of )?(\d{1,5}) detailed investigations?\b/gi,
  compliance: /based on (?:a total of )?(\d{1,5}) compliance outcomes?\b/gi,
  remedy: /based on (?:a total of )?(\d{1,5}) detailed investigations?\b/gi,
};
/** What each section's own statements say, with or without their figures. */
const SAYS = {
  upheldRate: /\bcomplaints (?:that )?we investigated (?:were|was) upheld\b/i,
  complianceRate: new RegExp(
    `\\bwe (?:were|are) satisfied (?:that )?the ${BODY} had (?:successfully )?implemented\\b`,
    "i",
  ),
  remedyRate: new RegExp(`\\bwe found (?:that )?the ${BODY} had provided a satisfactory remedy\\b`, "i"),
  upheldCount: /\bupheld decisions?\b/i,
  remedyCount: /\bsatisfactory remedy decisions?\b/i,
  outcomes: /\bcompliance outcomes?\b/i,
  investigations: /\bdetailed investigations?\b/i,
};
/**
 * Statements that belong to another section. Found inside a section, they mean that lines are out of place (a
 * heading lost, a section's end and the next one's rate lost), so an average there may be another section's. The
 * remedy section may speak of upheld decisions (its rate is a share of them), but not carry their count, which
 * stands at the start of a line: those are tested on the section's lines.
 */
const FOREIGN: Record<Metric, RegExp[]> = {
  upheld: [SAYS.complianceRate, SAYS.remedyRate, SAYS.remedyCount, SAYS.outcomes],
  compliance: [SAYS.upheldRate, SAYS.remedyRate, SAYS.upheldCount, SAYS.remedyCount, SAYS.investigations],
  remedy: [SAYS.upheldRate, SAYS.complianceRate, SAYS.outcomes],
};
const FOREIGN_LINES: Record<Metric, RegExp[]> = {
  upheld: [],
  compliance: [],
  remedy: [new RegExp((COUNT.upheld as RegExp).source, "i")],
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
  const headingOf = (line: string) =>
    line.length < 90 && ANY_HEADING.test(line)
      ? METRICS.find((metric) => HEADINGS[metric].test(line))
      : undefined;
  // A section whose heading the letter gives starts there; a rate line opens a section only when its heading is
  // lost. (Otherwise a rate line out of place would carry the lines after it, another section's, into its own.)
  const headings = lines.map(headingOf);
  const headed = new Set(headings);
  let current: string[] | undefined;
  for (const [i, line] of lines.entries()) {
    const heading = headings[i];
    const opens =
      heading ??
      (line.includes("%")
        ? METRICS.find(
            (metric) =>
              !found.has(metric) && !headed.has(metric) && RATE_TEST[metric].some((re) => re.test(line)),
          )
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
  for (const [metric, body] of found) out.set(metric, body.join("\n"));
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

/**
 * The similar-authority average of one section. "This compares to an average of 67% in similar authorities" compares
 * the rate stated just before it, so the average is read only where it follows this section's rate with nothing
 * between them but words (no other figure, at most the end of the rate's sentence). One with no such rate before it
 * (the rate line lost, a heading missing or out of place) could be any section's average: null, with a warning.
 */
function similarAverage(metric: Metric, text: string, lines: string, warnings: Warning[]): number | null {
  const value = figure(metric, "similarAverage", [AVERAGE], text, warnings, { percent: true });
  if (value === null) return null;
  const rateEnds = RATE[metric].flatMap((re) => {
    re.lastIndex = 0;
    return [...text.matchAll(re)].map((m) => m.index + m[0].length);
  });
  AVERAGE.lastIndex = 0;
  const follows = [...text.matchAll(AVERAGE)].some((average) =>
    rateEnds.some((end) => {
      if (end > average.index) return false;
      const between = text.slice(end, average.index);
      return !/\d/.test(between) && (between.match(/[.!?]/g) ?? []).length <= 1;
    }),
  );
  if (!follows) {
    warnings.push({
      field: `stats.${metric}.similarAverage`,
      message: `an average of ${value}% is given, but not right after this section's rate, so it may be another section's`,
    });
    return null;
  }
  if (FOREIGN[metric].some((re) => re.test(text)) || FOREIGN_LINES[metric].some((re) => re.test(lines))) {
    warnings.push({
      field: `stats.${metric}.similarAverage`,
      message: `an average of ${value}% is given, but this section also holds another section's figures (a heading is missing), so it may be that section's`,
    });
    return null;
  }
  return value;
}

export function readStatistics(paragraphs: string[]): StatisticsResult {
  const warnings: Warning[] = [];
  // Each section's lines; and as one text, where a sentence wrapped over two lines reads whole.
  const lined = sections(paragraphs);
  const found = new Map([...lined].map(([metric, text]) => [metric, text.replace(/\n/g, " ")]));
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
      similarAverage: similarAverage("upheld", upheld, lined.get("upheld") ?? "", warnings),
      count: figure("upheld", "count", [COUNT.upheld as RegExp], lined.get("upheld") ?? "", warnings),
      investigations: figure("upheld", "investigations", [BASE.upheld], upheld, warnings),
    };
    stats.upheld = stat;
  }
  const compliance = found.get("compliance");
  if (compliance !== undefined) {
    const stat: ComplianceStat = {
      rate: figure("compliance", "rate", RATE.compliance, compliance, warnings, { percent: true }),
      similarAverage: similarAverage("compliance", compliance, lined.get("compliance") ?? "", warnings),
      outcomes: figure("compliance", "outcomes", [BASE.compliance], compliance, warnings),
    };
    stats.compliance = stat;
  }
  const remedy = found.get("remedy");
  if (remedy !== undefined) {
    const stat: RemedyStat = {
      rate: figure("remedy", "rate", RATE.remedy, remedy, warnings, { percent: true }),
      similarAverage: similarAverage("remedy", remedy, lined.get("remedy") ?? "", warnings),
      count: figure("remedy", "count", [COUNT.remedy as RegExp], lined.get("remedy") ?? "", warnings),
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
