import { findDate } from "./dates.ts";
import { type Kind, reading } from "./figures.ts";
import type {
  ComplianceStat,
  Metric,
  Overview,
  RemedyStat,
  Stats,
  UpheldStat,
  Warning,
  WarningCode,
} from "./schema.ts";
import { isSignOff } from "./sign-off.ts";

/**
 * Reads the statistics: three sections (upheld, compliance, remedy), each a headline rate, the similar-authority
 * average, a count of decisions and the base it was computed on; from 2024 the upheld decisions per 100,000
 * residents; from 2025 the complaint overview. Each figure is read by meaning (every year's wordings, 2019–2025), and
 * only inside its own section; an average only where it follows that section's own statement, so it can never be
 * taken from the wrong rate when a heading is lost or out of place. A figure is read whole, with any digits glued
 * to it ("1081%" is 1081, not 81) and its sign: one that is impossible is null with a warning, as is one given twice
 * with different values or in a way none of the patterns reads. A wrong number is worse than a missing one.
 */

type Section = Metric | "overview";

const BODY = "(?:authority|organisation|council|local authority)";
/** Whom an average is of: "similar authorities", "authorities of this type", or the type itself ("county councils"). */
const SIMILAR =
  "(?:similar (?:authorities|organisations|councils|types of authorit(?:y|ies)|bodies)|(?:authorities|councils|organisations) of (?:this|the same|your) type|(?:other |similar |all )?(?:county councils|district councils|unitary (?:councils|authorities)|metropolitan (?:borough )?(?:councils|boroughs)|london borough(?:s| councils)))";
/**
 * A figure as printed: the whole run of digits, with a sign or glued digits kept so that they can be refused, or
 * "n/a". The look-behind keeps a figure from starting inside a word or another number.
 */
const FIG = "((?<![\\w.])-?\\d[\\d,]*(?:\\.\\d+)?|\\bn/a\\b)";
const PCT = `(?:${FIG}\\s?%|(\\bn/a\\b))`;

const HEADINGS: Record<Metric, RegExp> = {
  upheld: /^(?:complaints upheld|upheld complaints)\s*:?$/i,
  compliance: /^compliance with (?:the |our )?(?:ombudsman'?s? )?recommendations\s*:?$/i,
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
    new RegExp(`we upheld ${PCT} of (?:the )?(?:complaints|cases|investigations)`, "gi"),
    new RegExp(
      `(?<!average )(?:uphold|upheld) rate (?:of |was |is |for [^.%]{0,80}? (?:was|is) )?:?\\s?${PCT}`,
      "gi",
    ),
    new RegExp(
      `(?:this|which) is ${PCT} of (?:the )?(?:complaints|cases|investigations) (?:that )?we investigated`,
      "gi",
    ),
    new RegExp(
      `we found (?:some )?fault in ${PCT} of (?:the )?(?:complaints|cases|investigations)(?: (?:that )?we investigated)?`,
      "gi",
    ),
  ],
  compliance: [
    new RegExp(
      `in ${PCT} of cases,? we (?:were|are) satisfied (?:that )?the ${BODY} had (?:successfully )?implemented`,
      "gi",
    ),
    new RegExp(
      `we (?:were|are) satisfied (?:that )?the ${BODY} had (?:successfully )?implemented our recommendations in ${PCT} of cases`,
      "gi",
    ),
    new RegExp(
      `(?<!average )compliance rate (?:of |was |is |for [^.%]{0,80}? (?:was|is) )?:?\\s?${PCT}`,
      "gi",
    ),
    new RegExp(
      `the ${BODY} (?:had )?(?:complied|successfully complied) with (?:our |the ombudsman'?s? )?recommendations in ${PCT} of (?:the )?cases`,
      "gi",
    ),
  ],
  remedy: [
    new RegExp(
      `in ${PCT} of upheld (?:cases|complaints),? (?:we found (?:that )?)?the ${BODY} had (?:already )?provided a satisfactory remedy`,
      "gi",
    ),
    new RegExp(
      `the ${BODY} had provided a satisfactory remedy (?:before the complaint (?:reached|came to) (?:us|the ombudsman) )?in ${PCT} of (?:the )?upheld (?:cases|complaints)`,
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

const AVERAGE = [
  new RegExp(`average (?:rate )?of ${PCT} (?:in|for|across|among|amongst) ${SIMILAR}`, "gi"),
  new RegExp(
    `average (?:uphold |upheld |compliance |remedy )?(?:rate )?(?:for|in|across|among) ${SIMILAR} (?:is|was) ${PCT}`,
    "gi",
  ),
];

/** What the section says when a rate cannot be worked out, in place of its rate. */
const NOT_CALCULABLE: Partial<Record<Metric, RegExp>> = {
  upheld: /\bwe (?:did not investigate any|investigated no) complaints\b/i,
  compliance: /\bno recommendations were due for compliance\b/i,
};

/**
 * From 2024, after the upheld count: "Adjusted for Kent's population, this is 4.8 upheld decisions per 100,000
 * residents." and "The average for authorities of this type is 4.5 upheld decisions per 100,000 residents." (a
 * stray % has been seen).
 */
const PER_RESIDENTS = "%?\\s?upheld decisions? per 100,?000 (?:residents|people|population)";
/** Any figure before the words: whether it is the council's or the average is told by its sentence (`perResidents`). */
const PER_FIGURE = new RegExp(`${FIG}${PER_RESIDENTS}`, "gi");
const PER_ANY = /per 100,?000 (?:residents|people|population)/i;

/**
 * The per-100,000 figures of a text: those in a sentence that speaks of an average are the average for authorities
 * of the type ("The average for county councils is 4.1 ..."), the others the council's own ("Adjusted for the
 * population of Kent, we made 3.9 ...").
 */
function perResidents(text: string): { values: Match[]; averages: Match[] } {
  const values: Match[] = [];
  const averages: Match[] = [];
  for (const match of matches(PER_FIGURE, text)) {
    const start = Math.max(text.lastIndexOf(". ", match.index), text.lastIndexOf("\n", match.index));
    const sentence = text.slice(start + 1, match.index);
    (/\baverage\b/i.test(sentence) ? averages : values).push(match);
  }
  return { values, averages };
}

/**
 * A count is a figure with its caption: "13" over "upheld decisions", or "13 upheld decisions", at the start of a
 * line or sentence (a bullet before it is not a minus sign). A number that ends some other line ("Annual Review
 * letter 2020" above a stray caption) is not; "4.8 upheld decisions per 100,000 residents" is not a count.
 */
const LEAD = "(?:^|\\n|[.!?]\\s)[*•\\s]*(?:-\\s+)?";
const UPHELD_COUNT = new RegExp(
  `${LEAD}${FIG}\\s+(?:upheld (?:decisions?|complaints?)\\b(?!\\s+per\\b)|complaints? (?:were )?upheld\\b)`,
  "gi",
);
const COUNT: Partial<Record<Metric, RegExp[]>> = {
  upheld: [UPHELD_COUNT, new RegExp(`\\bwe investigated ${FIG} complaints?,? and upheld ${FIG}`, "gi")],
  remedy: [new RegExp(`${LEAD}${FIG}\\s+satisfactory remedy (?:decisions?|cases?)\\b`, "gi")],
};
/** Which capture holds the count in each COUNT pattern (the 2025 sentence also holds the investigations). */
const COUNT_GROUP = [1, 2];
const BASED = "based on (?:a total of )?";
const BASE = {
  investigations: [
    new RegExp(`${BASED}${FIG} (?:detailed )?investigations?\\b`, "gi"),
    new RegExp(`\\bwe investigated ${FIG} complaints?,? and upheld`, "gi"),
  ],
  outcomes: [new RegExp(`${BASED}${FIG} compliance outcomes?\\b`, "gi")],
  upheldDecisions: [new RegExp(`${BASED}${FIG} upheld decisions?\\b`, "gi")],
};
/** The 2025 complaint overview's four counts. */
const OVERVIEW: Record<keyof Overview, RegExp> = {
  dealtWith: new RegExp(`\\bwe dealt with ${FIG} complaints?`, "gi"),
  notForUs: new RegExp(`${FIG} (?:were|was) not for us`, "gi"),
  assessedAndClosed: new RegExp(`\\bwe assessed and closed ${FIG} complaints?`, "gi"),
  investigated: new RegExp(`\\bwe investigated ${FIG} complaints?(?![,]? and upheld)`, "gi"),
};
const OPENS_OVERVIEW = /\bwe dealt with (?:\d[\d,]*|-\d+) complaints?\b/i;
const DEALT = /dealt/i;

/** What each section's own statements say, with or without their figures. */
const SAYS = {
  upheldRate: /\bcomplaints (?:that )?we investigated (?:were|was) upheld\b|\buphold rate\b/i,
  complianceRate: new RegExp(
    `\\bwe (?:were|are) satisfied (?:that )?the ${BODY} had (?:successfully )?implemented\\b`,
    "i",
  ),
  remedyRate: new RegExp(`\\bthe ${BODY} had provided a satisfactory remedy\\b`, "i"),
  upheldCount: /\bupheld decisions?\b(?! per)/i,
  remedyCount: /\bsatisfactory remedy decisions?\b/i,
  outcomes: /\bcompliance outcomes?\b/i,
  investigations: /\bdetailed investigations?\b/i,
};
/**
 * Statements that belong to another section. Found inside a section, they mean that lines are out of place (a
 * heading lost, a section's end and the next one's rate lost), so an average there may be another section's. The
 * remedy section may speak of upheld decisions (its rate is a share of them, its base from 2021), but not carry
 * their count, which stands at the start of a line: those are tested on the section's lines.
 */
const FOREIGN: Record<Metric, RegExp[]> = {
  upheld: [SAYS.complianceRate, SAYS.remedyRate, SAYS.remedyCount, SAYS.outcomes],
  compliance: [SAYS.upheldRate, SAYS.remedyRate, SAYS.upheldCount, SAYS.remedyCount, SAYS.investigations],
  remedy: [SAYS.upheldRate, SAYS.complianceRate, SAYS.outcomes],
};
const FOREIGN_LINES: Record<Metric, RegExp[]> = {
  upheld: [],
  compliance: [],
  remedy: [new RegExp(UPHELD_COUNT.source, "i")],
};
/** Each section's FOREIGN statements as one pattern, so that a section is scanned once rather than once for each. */
const ANY_FOREIGN = Object.fromEntries(
  Object.entries(FOREIGN).map(([metric, patterns]) => {
    // Joined, they must keep their meaning: every one case-insensitive (as the whole is) and none global.
    if (patterns.some((re) => re.flags !== "i"))
      throw new Error(`statistics.ts: a FOREIGN pattern must have the flag i alone (${metric})`);
    return [metric, new RegExp(patterns.map((re) => `(?:${re.source})`).join("|"), "i")];
  }),
) as Record<Metric, RegExp>;
/**
 * Statements after which a section's average compares: its rate (RATE's matches, read once for the rate and for
 * this), or these, which say something in place of one.
 */
const IN_PLACE_OF_RATE: Record<Metric, RegExp[]> = {
  upheld: [
    /\bwe investigated [\d,]+ complaints?,? and upheld [\d,]+\.?/gi,
    /we (?:did not investigate any|investigated no) complaints\.?/gi,
  ],
  compliance: [/no recommendations were due for compliance[^.]*\.?/gi],
  remedy: [],
};
const REMEDY_BASE_LINE = /based on (?:a total of)?\s*\d[\d,]*\s+upheld decisions?/gi;
const PERIOD =
  /(?:period (?:between|from)|^between|\. between) (.{8,20}?\d{4}) (?:to|and|until) (.{8,20}?\d{4})/gim;

const METRICS: Metric[] = ["upheld", "compliance", "remedy"];

export interface StatisticsResult {
  stats: Stats;
  /** The period the statistics cover, when every section that states one agrees. */
  period: { start: string; end: string } | null;
  /** What the remedy section gives as its base when that is upheld decisions (2021 on), for the checks. */
  remedyBase: number | null;
  warnings: Warning[];
}

interface Found {
  lines: string;
  /** Whether the letter's own heading opened it (rather than a rate line standing where a heading was lost). */
  headed: boolean;
  /**
   * Lines stating figures after prose ended the section and before another opened: a statement of its own out of
   * place (a paragraph copied or moved into the statistics). Read only to tell that the letter states a figure twice.
   */
  strays: string;
}

/**
 * Prose that states no figure ends a section: from 2025 the statistics stand in the letter's body, and the letter's
 * other paragraphs (and its sign-off) follow them.
 */
const STATES_FIGURES =
  /%|based on|upheld decisions?|satisfactory remed|compliance outcomes?|we investigated|per 100,?000|n\/a|\b\d+\b/i;

/**
 * Which section a line heads, if any. Every heading starts with "complaints", "upheld", "compliance" or
 * "satisfactory", so most lines are ruled out by their first letter.
 */
function headingOf(line: string): Metric | undefined {
  const c = line.charCodeAt(0) | 0x20;
  if (line.length >= 90 || (c !== 0x63 && c !== 0x73 && c !== 0x75) || !ANY_HEADING.test(line))
    return undefined;
  return METRICS.find((metric) => HEADINGS[metric].test(line));
}

/**
 * Split the letter's lines (`lines[i]`: paragraph i's) into the sections; a line that heads one, or states its
 * rate, opens it. `overview` says whether the letter can hold the 2025 overview at all.
 */
function sections(paragraphs: string[], lines: string[][], overview: boolean): Map<Section, Found> {
  const found = new Map<Section, { lines: string[]; headed: boolean }>();
  const headings: (Metric | undefined)[][] = [];
  for (const paragraphLines of lines) {
    const paragraphHeadings: (Metric | undefined)[] = [];
    for (const line of paragraphLines) paragraphHeadings.push(headingOf(line));
    headings.push(paragraphHeadings);
  }
  // A section whose heading the letter gives starts there; a rate line opens a section only when its heading is
  // lost. (Otherwise a rate line out of place would carry the lines after it, another section's, into its own.)
  const headed = new Set<Metric>();
  for (let i = 0; i < paragraphs.length; i++) {
    if ((paragraphs[i] as string).length < 200)
      for (const heading of headings[i] ?? []) if (heading) headed.add(heading);
  }
  let current: string[] | undefined;
  // The section prose ended, whose statements may still stand after that prose (see Found.strays).
  let ended: string[] | undefined;
  const strays = new Map<string[], string[]>();
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i] as string;
    const signOff = isSignOff(paragraph);
    // Nothing after the sign-off is a section's.
    if (signOff) ended = undefined;
    if (current && (signOff || (paragraph.length > 200 && !STATES_FIGURES.test(paragraph)))) {
      if (!signOff) ended = current;
      current = undefined;
      continue;
    }
    const paragraphLines = lines[i] ?? [];
    const stray = ended && !current && STATES_FIGURES.test(paragraph) ? ended : undefined;
    for (let j = 0; j < paragraphLines.length; j++) {
      const line = paragraphLines[j] as string;
      const heading = headings[i]?.[j];
      const opens: Section | undefined =
        heading ??
        (line.includes("%")
          ? METRICS.find(
              (metric) =>
                !found.has(metric) && !headed.has(metric) && RATE_TEST[metric].some((re) => re.test(line)),
            )
          : undefined) ??
        (overview && !found.has("overview") && OPENS_OVERVIEW.test(line) ? "overview" : undefined);
      if (opens) {
        if (!found.has(opens)) found.set(opens, { lines: [], headed: heading !== undefined });
        // A second heading for the same metric keeps reading into the section we have.
        current = found.get(opens)?.lines;
        ended = undefined;
        if (!heading) current?.push(line);
        continue;
      }
      // Boilerplate definitions ("Complaints upheld - We uphold complaints when...") come before the statistics and
      // are long; they never open a section, and text before the first heading belongs to none.
      if (current) current.push(line);
      else if (stray && ended === stray) {
        const list = strays.get(stray) ?? [];
        list.push(line);
        strays.set(stray, list);
      }
    }
  }
  const out = new Map<Section, Found>();
  for (const [section, body] of found)
    out.set(section, {
      lines: body.lines.join("\n"),
      headed: body.headed,
      strays: strays.get(body.lines)?.join("\n") ?? "",
    });
  return out;
}

interface Match {
  raw: string;
  index: number;
  end: number;
}

/**
 * Every match of a global pattern, with the figure in `group` (or the one after it: PCT's "n/a"). An exec loop on
 * the pattern itself: `matchAll` would copy the pattern on every call.
 */
function matches(pattern: RegExp, text: string, group = 1, out: Match[] = []): Match[] {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const raw = m[group] ?? m[group + 1];
    if (raw !== undefined) out.push({ raw, index: m.index, end: m.index + m[0].length });
    if (m[0].length === 0) pattern.lastIndex++;
  }
  pattern.lastIndex = 0;
  return out;
}

class Reader {
  readonly warnings: Warning[] = [];

  /**
   * One figure: the value all its statements agree on, or null with a warning when absent (unless optional), in
   * conflict, impossible or printed "n/a".
   */
  figure(path: string, found: Match[], kind: Kind, opts: { optional?: boolean } = {}): number | null {
    if (found.length === 0) {
      if (!opts.optional) this.warn(path, "not_found", "not found in the letter's statistics");
      return null;
    }
    const values = new Set<number>();
    for (const match of found) {
      const read = reading(match.raw, kind);
      if ("problem" in read) {
        this.warn(path, "out_of_range", `${read.problem}, so it was left empty`);
        return null;
      }
      if ("na" in read) {
        this.warn(path, "not_given", `the letter gives it as "n/a"`);
        return null;
      }
      values.add(read.value);
    }
    if (values.size > 1) {
      this.warn(path, "conflicting", `the letter gives conflicting values (${[...values].join(", ")})`);
      return null;
    }
    return [...values][0] as number;
  }

  warn(field: string, code: WarningCode, message: string): void {
    this.warnings.push({ field, code, message });
  }
}

function all(patterns: RegExp[], text: string, group?: number): Match[] {
  const out: Match[] = [];
  for (const re of patterns) matches(re, text, group, out);
  return out;
}

/**
 * `value`, unless the section's strays (`Found.strays`) state the same figure with another value: the letter gives it
 * twice and which is right cannot be told, so null, with a warning.
 */
function unlessRestated(
  reader: Reader,
  path: string,
  value: number | null,
  restated: Match[],
  kind: Kind,
): number | null {
  if (value === null || restated.length === 0) return value;
  const others = new Set<number>();
  for (const match of restated) {
    const read = reading(match.raw, kind);
    if ("value" in read && read.value !== value) others.add(read.value);
  }
  if (others.size === 0) return value;
  reader.warn(path, "conflicting", `the letter gives conflicting values (${[value, ...others].join(", ")})`);
  return null;
}

/**
 * Each figure of a section checked against its strays, by the patterns that read it there (its rate, average,
 * counts and bases); no strays, no scans.
 */
function checkStrays(reader: Reader, metric: Metric, stat: Record<string, unknown>, strays: string): void {
  if (strays === "") return;
  const text = strays.replaceAll("\n", " ");
  const fields: [string, Match[], Kind][] = [
    ["rate", all(RATE[metric], text), "percent"],
    ["similarAverage", all(AVERAGE, text), "percent"],
  ];
  if (metric === "upheld")
    fields.push(
      [
        "count",
        [
          ...matches(COUNT.upheld?.[0] as RegExp, strays, COUNT_GROUP[0]),
          ...matches(COUNT.upheld?.[1] as RegExp, text, COUNT_GROUP[1]),
        ],
        "count",
      ],
      ["investigations", all(BASE.investigations, text), "count"],
    );
  if (metric === "compliance") fields.push(["outcomes", all(BASE.outcomes, text), "count"]);
  if (metric === "remedy")
    fields.push(
      ["count", all(COUNT.remedy ?? [], strays), "count"],
      ["investigations", all(BASE.investigations, text), "count"],
    );
  for (const [field, restated, kind] of fields) {
    const value = stat[field];
    if (typeof value === "number")
      stat[field] = unlessRestated(reader, `stats.${metric}.${field}`, value, restated, kind);
  }
}

/**
 * The similar-authority average of one section. "This compares to an average of 67% in similar authorities" compares
 * the statement just before it, so the average is read only where it follows this section's own statement with
 * nothing between them but words (no other figure, at most the end of that sentence). One with no such statement
 * before it (the rate line lost, a heading missing or out of place) could be any section's average: null, with a
 * warning.
 */
function similarAverage(
  metric: Metric,
  text: string,
  lines: string,
  rates: Match[],
  reader: Reader,
): number | null {
  const found = all(AVERAGE, text);
  const path = `stats.${metric}.similarAverage`;
  const value = reader.figure(path, found, "percent");
  if (value === null) return null;
  const anchorEnds = [...rates, ...all(IN_PLACE_OF_RATE[metric], text, 0)].map((m) => m.end);
  const follows = found.some((average) =>
    anchorEnds.some((end) => {
      if (end > average.index) return false;
      const between = text.slice(end, average.index);
      return !/\d/.test(between) && (between.match(/[.!?]/g) ?? []).length <= 1;
    }),
  );
  if (!follows) {
    reader.warn(
      path,
      "ambiguous",
      `an average of ${value}% is given, but not right after this section's rate, so it may be another section's`,
    );
    return null;
  }
  if (ANY_FOREIGN[metric].test(text) || FOREIGN_LINES[metric].some((re) => re.test(lines))) {
    reader.warn(
      path,
      "ambiguous",
      `an average of ${value}% is given, but this section also holds another section's figures (a heading is missing), so it may be that section's`,
    );
    return null;
  }
  return value;
}

/**
 * The sentence (or line) that holds a per-100,000 figure, with its full stop. It can only start where one starts
 * (the look-behind): otherwise each position inside a sentence without the words would be tried, to its end.
 */
const PER_SENTENCE = /(?<![^.\n])[^.\n]*per 100,?000 (?:residents|people|population)[^.\n]*\.?/gi;

/** Blank out what the per-100,000 sentences say, so their figures are never read as a rate, average or count. */
function withoutPerResidents(text: string): string {
  if (!PER_ANY.test(text)) return text;
  return text.replace(PER_SENTENCE, (s) => " ".repeat(s.length));
}

/**
 * The statistics in `paragraphs` (the letter's, after the salutation). `lines[i]` is `paragraphs[i].split("\n")`,
 * and `text` the text they were taken from, when the caller has them already.
 */
export function readStatistics(
  paragraphs: string[],
  lines: string[][] = paragraphs.map((p) => p.split("\n")),
  text: string = paragraphs.join("\n"),
): StatisticsResult {
  const reader = new Reader();
  // The 2025 overview is looked for only in a letter that says "dealt" somewhere: one scan, not one a line. (Every
  // line with OPENS_OVERVIEW's words has it, and holds nothing but the text's own words, lines rejoined by a space.)
  const overview = DEALT.test(text);
  // Each section's lines; and as one text, where a sentence wrapped over two lines reads whole.
  const lined = sections(paragraphs, lines, overview);
  const stats: Stats = { upheld: null, compliance: null, remedy: null, overview: null };
  let remedyBase: number | null = null;

  if (![...lined.keys()].some((s) => s !== "overview")) {
    if (lined.size === 0) {
      reader.warn("stats", "not_found", "the letter has no statistics section; all figures are null");
      return { stats, period: null, remedyBase, warnings: reader.warnings };
    }
  }
  for (const metric of METRICS) {
    if (!lined.has(metric))
      reader.warn(`stats.${metric}`, "not_found", "this statistics section is missing from the letter");
  }
  // Each section as one text, its lines joined by spaces (made once: the period is read from them all, too).
  const spaced = new Map([...lined].map(([section, found]) => [section, found.lines.replaceAll("\n", " ")]));
  const joined = (section: Section) => spaced.get(section);

  const upheldAll = joined("upheld");
  if (upheldAll !== undefined) {
    const lines = withoutPerResidents(lined.get("upheld")?.lines ?? "");
    const text = lines.replaceAll("\n", " ");
    const counts = [
      ...matches(COUNT.upheld?.[0] as RegExp, lines, COUNT_GROUP[0]),
      ...matches(COUNT.upheld?.[1] as RegExp, text, COUNT_GROUP[1]),
    ];
    const perFound = perResidents(upheldAll);
    const per = {
      value: reader.figure("stats.upheld.perHundredThousand.value", perFound.values, "perResidents", {
        optional: true,
      }),
      similarAverage: reader.figure(
        "stats.upheld.perHundredThousand.similarAverage",
        perFound.averages,
        "perResidents",
        { optional: true },
      ),
    };
    const perGiven = PER_ANY.test(upheldAll);
    if (
      perGiven &&
      per.value === null &&
      !reader.warnings.some((w) => w.field.endsWith("perHundredThousand.value"))
    )
      reader.warn(
        "stats.upheld.perHundredThousand.value",
        "unreadable",
        "the letter speaks of upheld decisions per 100,000 residents, but its figure could not be read",
      );
    const rates = all(RATE.upheld, text);
    const stat: UpheldStat = {
      rate: rateOf("upheld", rates, text, reader),
      similarAverage: similarAverage("upheld", text, lines, rates, reader),
      count: reader.figure("stats.upheld.count", counts, "count"),
      investigations: reader.figure("stats.upheld.investigations", all(BASE.investigations, text), "count"),
      perHundredThousand: perGiven ? per : null,
    };
    checkStrays(
      reader,
      "upheld",
      stat as unknown as Record<string, unknown>,
      lined.get("upheld")?.strays ?? "",
    );
    stats.upheld = stat;
  }
  const complianceText = joined("compliance");
  if (complianceText !== undefined) {
    const text = withoutPerResidents(complianceText);
    const noneDue = NOT_CALCULABLE.compliance?.test(text) ?? false;
    const rates = all(RATE.compliance, text);
    const stat: ComplianceStat = {
      rate: rateOf("compliance", rates, text, reader, noneDue),
      similarAverage: similarAverage("compliance", text, lined.get("compliance")?.lines ?? "", rates, reader),
      outcomes: reader.figure("stats.compliance.outcomes", all(BASE.outcomes, text), "count", {
        optional: noneDue,
      }),
    };
    if (noneDue && stat.outcomes === null) stat.outcomes = 0;
    checkStrays(
      reader,
      "compliance",
      stat as unknown as Record<string, unknown>,
      lined.get("compliance")?.strays ?? "",
    );
    stats.compliance = stat;
  }
  const remedyText = joined("remedy");
  if (remedyText !== undefined) {
    const text = withoutPerResidents(remedyText);
    // The remedy section's own base (2021 on) speaks of upheld decisions too: it is not the upheld count out of place.
    const lines = withoutPerResidents(lined.get("remedy")?.lines ?? "").replace(REMEDY_BASE_LINE, (s) =>
      " ".repeat(s.length),
    );
    const base = all(BASE.upheldDecisions, text);
    remedyBase = reader.figure("stats.remedy.base", base, "count", { optional: true });
    const rates = all(RATE.remedy, text);
    const stat: RemedyStat = {
      rate: rateOf("remedy", rates, text, reader),
      similarAverage: similarAverage("remedy", text, lines, rates, reader),
      count: reader.figure("stats.remedy.count", all(COUNT.remedy ?? [], lines), "count"),
      // From 2021 the remedy rate's base is upheld decisions, and the letter gives no investigations here.
      investigations: reader.figure("stats.remedy.investigations", all(BASE.investigations, text), "count", {
        optional: base.length > 0,
      }),
    };
    checkStrays(
      reader,
      "remedy",
      stat as unknown as Record<string, unknown>,
      lined.get("remedy")?.strays ?? "",
    );
    stats.remedy = stat;
  }
  const overviewText = joined("overview");
  if (overviewText !== undefined) {
    const overview = {} as Overview;
    for (const key of Object.keys(OVERVIEW) as (keyof Overview)[]) {
      overview[key] = reader.figure(
        `stats.overview.${key}`,
        matches(OVERVIEW[key], overviewText),
        "overview",
      );
    }
    stats.overview = overview;
  }

  return {
    stats,
    period: readPeriod([...spaced.values()].join(" \n"), reader),
    remedyBase,
    warnings: reader.warnings,
  };
}

/** The section's rate from `found`, its RATE matches in `text`. */
function rateOf(
  metric: Metric,
  found: Match[],
  text: string,
  reader: Reader,
  notCalculable = false,
): number | null {
  if (found.length === 0 && (notCalculable || NOT_CALCULABLE[metric]?.test(text))) {
    reader.warn(
      `stats.${metric}.rate`,
      "not_calculable",
      "not calculable: the letter says there were no cases in the period",
    );
    return null;
  }
  return reader.figure(`stats.${metric}.rate`, found, "percent");
}

function readPeriod(text: string, reader: Reader): { start: string; end: string } | null {
  const periods = new Set<string>();
  PERIOD.lastIndex = 0;
  for (let match = PERIOD.exec(text); match !== null; match = PERIOD.exec(text)) {
    const start = findDate(match[1] ?? "");
    const end = findDate(match[2] ?? "");
    if (start && end) periods.add(`${start}/${end}`);
  }
  if (periods.size === 0) return null;
  if (periods.size > 1) {
    reader.warn(
      "period",
      "conflicting",
      `the statistics state different periods (${[...periods].join(", ")})`,
    );
    return null;
  }
  const [start = "", end = ""] = [...periods][0]?.split("/") ?? [];
  return { start, end };
}
