import type { AuthorityType } from "../authorities/schema.ts";
import type { ConcernCategory, Tone } from "../letters/schema.ts";
import { findCouncils, nearestNames } from "./councils.ts";
import type { Measure } from "./metrics.ts";
import {
  type Comparison,
  type Context,
  type CouncilRef,
  cleanText,
  type Filters,
  type Intent,
  type Question,
  type YearRange,
} from "./question.ts";
import {
  CATEGORY_WORDS,
  CONCERN_WORDS,
  FELL,
  IMPROVED,
  METRIC_WORDS,
  PER_RESIDENTS_WORDS,
  PRAISE_WORDS,
  ROSE,
  TYPE_ABBREVIATIONS,
  TYPE_WORDS,
  WORSENED,
} from "./synonyms.ts";

/**
 * Reads a question in two steps: first what it names (councils, the measure, a kind of council, years, a threshold,
 * a direction, a subject), then what it asks, by an ordered table of rules: the first rule whose test passes gives
 * the intent. Each reader and each rule is a small function over the words, tested on its own.
 */

/** What the words of a question name, before its intent is decided. */
export interface Reading {
  text: string;
  lower: string;
  councils: CouncilRef[];
  ambiguous: Question["ambiguous"];
  chosen: Question["chosen"];
  unknown: Question["unknown"];
  /** Words left over that might be a council's name, whether or not they read as one. */
  leftover: string[];
  filters: Filters;
  category: ConcernCategory | null;
  tone: Tone | null;
}

export function readMeasure(lower: string): Measure | null {
  if (PER_RESIDENTS_WORDS.test(lower)) return "perResidents";
  return METRIC_WORDS.find(([re]) => re.test(lower))?.[1] ?? null;
}

export function readType(lower: string): AuthorityType | null {
  return TYPE_WORDS.find(([re]) => re.test(lower))?.[1] ?? null;
}

export function readCategory(lower: string): ConcernCategory | null {
  return CATEGORY_WORDS.find(([re]) => re.test(lower))?.[1] ?? null;
}

/**
 * A financial year written as two ("2023/24", "2023-2024", "2023/2024") is the year ending 31 March of the second:
 * the letter of 2024. Such pairs are read as that one year before any range is looked for.
 */
const FINANCIAL_YEAR = /\b(20\d{2})\s?[/-]\s?(20\d{2}|\d{2})\b/g;

/** "23/24", "fy23/24", "22-23": a financial year in short, read as its second year when it is the one after the first. */
const SHORT_FINANCIAL_YEAR = /\b(?:fy\s?)?([1-4]\d)\s?[/-]\s?([1-4]\d)\b/gi;
/** "FY24", "fy2024": the financial year ending in March of that year (as government writes it). */
const FY = /\bfy\s?(20\d{2}|[1-4]\d)\b/gi;

function financialYears(text: string): string {
  return text
    .replace(FINANCIAL_YEAR, (whole, first: string, second: string) => {
      const end = second.length === 2 ? Number(first.slice(0, 2) + second) : Number(second);
      return end === Number(first) + 1 ? String(end) : whole;
    })
    .replace(SHORT_FINANCIAL_YEAR, (whole, first: string, second: string) =>
      Number(second) === Number(first) + 1 ? `20${second}` : whole,
    )
    .replace(FY, (_, year: string) => (year.length === 2 ? `20${year}` : year));
}

/**
 * The years asked about: "in 2024", "2023/24", "2020 to 2024", "between 2021 and 2023", "2020 vs 2024", "since
 * 2021", "last year", "over the last 3 years". `latestYear` is the latest year held (for "the last N years").
 */
const PAIR_OF_YEARS = /\b20\d{2}\s*(?:and|&|vs\.?|versus|compared (?:with|to)|against)\s*20\d{2}\b/;

/** Every letter held: "ever", "in total", "over the years", "all years", "to date". */
const EVER =
  /\b(?:ever|in total|altogether|all (?:the )?years|over the years|every year|any year|historically|to date|of all time)\b/;

export function readYears(
  text: string,
  context: Pick<Context, "latestYear" | "firstYear" | "now">,
): YearRange | null {
  const lower = financialYears(text);
  const range =
    /\b(?:between|from)?\s*(20\d{2})\s*(?:to|and|until|till|through|-|–|vs\.?|versus|compared (?:with|to)|against)\s*(20\d{2})\b/.exec(
      lower,
    );
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    // "2021 and 2024" names two years; "between 2021 and 2024", "2021 to 2024" the years from one to the other.
    const only = PAIR_OF_YEARS.test(lower) && !/\b(?:between|from)\s+20\d{2}\b/.test(lower);
    return only
      ? { from: Math.min(a, b), to: Math.max(a, b), only: true }
      : { from: Math.min(a, b), to: Math.max(a, b) };
  }
  const since = /\bsince\s+(20\d{2})\b/.exec(lower);
  if (since) return { from: Number(since[1]), to: null };
  const lastN =
    /\b(?:last|past|previous)\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+years\b/.exec(lower);
  if (lastN && context.latestYear !== null) {
    const n = WORD_NUMBERS[lastN[1] as string] ?? Number(lastN[1]);
    return { from: context.latestYear - n + 1, to: context.latestYear };
  }
  const one = /\b(20\d{2})\b/.exec(lower);
  if (one) {
    const year = Number(one[1]);
    return { from: year, to: year };
  }
  if (EVER.test(lower) && context.latestYear !== null) {
    const first = context.firstYear ?? context.latestYear;
    return { from: first, to: null };
  }
  if (/\blast year\b/.test(lower)) {
    const year = context.now.getUTCFullYear() - 1;
    // "since last year", "compared with last year": from that year's letter on, not that year alone.
    if (/\b(?:since|compared (?:with|to)|vs\.?|versus|against)\s+last year\b/.test(lower))
      return { from: year, to: null };
    return { from: year, to: year };
  }
  if (/\bthis year\b/.test(lower)) {
    const year = context.now.getUTCFullYear();
    return { from: year, to: year };
  }
  return null;
}

const WORD_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  fifteen: 15,
  twenty: 20,
};

const NUMBER = "(\\d{1,3}(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)";
const numberOf = (raw: string) => WORD_NUMBERS[raw] ?? Number(raw);
const PERCENT = "\\s?(?:%|percent\\b|per cent\\b|pc\\b)";

/** Each way of saying a comparison, longest first so that "less than or equal to" is not read as "less than". */
const OPS: readonly [string, Comparison["op"]][] = [
  ["less than or equal to", "at_most"],
  ["lower than or equal to", "at_most"],
  ["greater than or equal to", "at_least"],
  ["more than or equal to", "at_least"],
  ["at least", "at_least"],
  ["no less than", "at_least"],
  ["no lower than", "at_least"],
  ["no fewer than", "at_least"],
  ["at most", "at_most"],
  ["no more than", "at_most"],
  ["no higher than", "at_most"],
  ["no greater than", "at_most"],
  ["up to", "at_most"],
  ["more than", "above"],
  ["greater than", "above"],
  ["higher than", "above"],
  ["in excess of", "above"],
  ["upwards of", "above"],
  ["exceeding", "above"],
  ["over", "above"],
  ["above", "above"],
  ["beyond", "above"],
  ["less than", "below"],
  ["lower than", "below"],
  ["fewer than", "below"],
  ["short of", "below"],
  ["under", "below"],
  ["below", "below"],
  ["beneath", "below"],
  ["exactly", "equal"],
  ["equal to", "equal"],
  ["of", "equal"],
  ["at", "equal"],
  ["on", "equal"],
  ["with", "equal"],
  [">=", "at_least"],
  ["≥", "at_least"],
  ["<=", "at_most"],
  ["≤", "at_most"],
  [">", "above"],
  ["<", "below"],
  ["=", "equal"],
];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const OP_WORDS = OPS.map(([words]) => escapeRegExp(words)).join("|");
/** A denial just before the comparison turns it round: "not below average" is at or above it. */
const NOT = "(not |n't |never |aren't |isn't |wasn't |weren't |didn't |don't |doesn't )?";

// The readers' patterns, built once from the pieces above (none has the g or y flag, so exec keeps no state).
const BETWEEN = new RegExp(
  `\\b(?:between|from)\\s+${NUMBER}${PERCENT}?\\s*(?:and|to|-|–)\\s*${NUMBER}${PERCENT}|\\b(?:above|over|more than)\\s+${NUMBER}${PERCENT}?\\s*(?:and|but)\\s+(?:below|under|less than)\\s+${NUMBER}${PERCENT}`,
);
const POINTS = new RegExp(
  `\\b${NOT}(?:(${OP_WORDS})\\s+)?${NUMBER}\\s?(?:percentage )?points?\\s+(or (?:more|over|less|fewer)\\s+)?(above|over|higher than|below|under|lower than)\\b`,
);
const AVERAGE = new RegExp(
  `\\b${NOT}(above|over|higher than|better than|worse than|below|under|lower than|level with|in line with|at|on|equal to)\\s+(?:the |their |its |an |a )?(?:similar[- ](?:authority|council|organisation) )?(?:average|avg|mean|similar (?:councils|authorities|organisations)|(?:their |its )?peers)\\b`,
);
const RATE = new RegExp(
  `${NOT}(?:\\b(${OP_WORDS})\\s*)?${NUMBER}${PERCENT}(\\s+or (?:more|above|higher|over|less|below|lower|under|fewer))?`,
);
const PER = new RegExp(
  `${NOT}\\b(${OP_WORDS})\\s+${NUMBER}\\s+(?:upheld )?(?:decisions?|complaints?|cases?)?\\s*per\\b`,
);
const BARE = new RegExp(
  `${NOT}\\b(${OP_WORDS})\\s+${NUMBER}(?![\\d.,]|\\s*(?:points?|years?|councils?|letters?|cases?|investigations?|complaints?|decisions?|outcomes?|per\\b))`,
);
const LIMIT = new RegExp(
  `\\b(?:top|bottom|first|last|best|worst|highest|lowest)\\s+${NUMBER}\\b(?!\\s?(?:%|per ?cent|points?|years?))|\\b${NUMBER}\\s+(?:highest|lowest|best|worst|top|bottom)\\b`,
);

function opOf(words: string | undefined): Comparison["op"] {
  const said = words?.trim() ?? "";
  return OPS.find(([w]) => w === said)?.[1] ?? "equal";
}

const NEGATED: Record<Comparison["op"], Comparison["op"] | null> = {
  above: "at_most",
  at_least: "below",
  below: "at_least",
  at_most: "above",
  equal: null,
  between: null,
};

/** The comparison, turned round when denied; "not at 100%" is below it (no rate is over 100%). */
function denied(comparison: Comparison, negated: boolean): Comparison | null {
  if (!negated) return comparison;
  const op = NEGATED[comparison.op];
  if (op) return { ...comparison, op };
  if (comparison.op === "equal" && comparison.of === "rate" && comparison.value === 100)
    return { op: "below", value: 100, of: "rate" };
  return null;
}

/**
 * A threshold: "over 70%", "at least 90 per cent", "below 100%", "not below average", "under full compliance",
 * "100% compliance", "between 60% and 80%", "10 points above average", "above the average", "below similar
 * councils", and, where the measure is a rate, a bare number after a comparison ("upheld rate over 70").
 */
export function readComparison(lower: string, measure: Measure | null): Comparison | null {
  const between = BETWEEN.exec(lower);
  if (between) {
    const low = numberOf((between[1] ?? between[3]) as string);
    const high = numberOf((between[2] ?? between[4]) as string);
    return { op: "between", value: Math.min(low, high), high: Math.max(low, high), of: "rate" };
  }
  const points = POINTS.exec(lower);
  if (points) {
    const size = numberOf(points[3] as string);
    const up = /^(?:above|over|higher)/.test(points[5] as string);
    let op = points[2] ? opOf(points[2]) : "at_least";
    if (points[4]) op = /more|over/.test(points[4]) ? "at_least" : "at_most";
    // "more than 10 points below" is further below than 10: the sense flips with the side.
    const further: Record<Comparison["op"], Comparison["op"]> = up
      ? {
          above: "above",
          at_least: "at_least",
          below: "below",
          at_most: "at_most",
          equal: "equal",
          between: "at_least",
        }
      : {
          above: "below",
          at_least: "at_most",
          below: "above",
          at_most: "at_least",
          equal: "equal",
          between: "at_most",
        };
    return denied({ op: further[op], value: up ? size : -size, of: "average" }, points[1] !== undefined);
  }
  const average = AVERAGE.exec(lower);
  if (average) {
    const side = average[2] as string;
    let comparison: Comparison;
    if (/^(?:level|in line|at|on|equal)/.test(side)) comparison = { op: "equal", value: 0, of: "average" };
    else if (/^better|^worse/.test(side)) {
      // Better than average is above it for a rate where higher is better, below it otherwise.
      const higherBetter = measure === "compliance" || measure === "remedy";
      const better = side.startsWith("better");
      comparison = { op: better === higherBetter ? "above" : "below", value: 0, of: "average" };
    } else
      comparison = { op: /^(?:above|over|higher)/.test(side) ? "above" : "below", value: 0, of: "average" };
    return denied(comparison, average[1] !== undefined);
  }
  const rate = RATE.exec(lower);
  if (rate) {
    const value = numberOf(rate[3] as string);
    const tail = rate[4]?.trim() ?? "";
    let op = opOf(rate[2]);
    if (/or (?:more|above|higher|over)/.test(tail)) op = "at_least";
    if (/or (?:less|below|lower|under|fewer)/.test(tail)) op = "at_most";
    return denied({ op, value, of: "rate" }, rate[1] !== undefined);
  }
  // "under full compliance", "not meeting full compliance", "full compliance".
  const full = /\bfull compliance\b|\bcomplied (?:fully|in full)\b|\bfully compl\w*/.exec(lower);
  if (full) {
    const before = lower.slice(Math.max(0, full.index - 40), full.index);
    const short =
      /\b(?:under|below|less than|fewer than|short of|without|lack\w*|fell short of|not|n't|never|fail\w*(?: to)?(?: reach| achieve| meet)?)\b[^.?!]*$/.test(
        before,
      );
    return short ? { op: "below", value: 100, of: "rate" } : { op: "equal", value: 100, of: "rate" };
  }
  // A figure per 100,000: "more than 5 upheld decisions per 100,000".
  if (measure === "perResidents") {
    const per = PER.exec(lower);
    if (per)
      return denied(
        { op: opOf(per[2]), value: numberOf(per[3] as string), of: "rate" },
        per[1] !== undefined,
      );
    return null;
  }
  // A rate's threshold written without its "%": "an upheld rate over 70", "compliance below 100".
  if (measure !== null) {
    const bare = BARE.exec(lower);
    if (bare && numberOf(bare[3] as string) <= 100 && opOf(bare[2]) !== "equal")
      return denied(
        { op: opOf(bare[2]), value: numberOf(bare[3] as string), of: "rate" },
        bare[1] !== undefined,
      );
  }
  return null;
}

/** "top 5", "bottom three", "the 10 worst", "5 highest". */
export function readLimit(lower: string): number | null {
  const match = LIMIT.exec(lower);
  const raw = match?.[1] ?? match?.[2];
  if (!raw) return null;
  const value = numberOf(raw);
  return Number.isInteger(value) && value > 0 ? Math.min(value, 500) : null;
}

export function readDirection(text: string): Filters["direction"] {
  // "at least 90%" and "at most 50%" are thresholds, not the end of a ranking asked for.
  const lower = text.replace(/\bat (?:the )?(?:least|most)\b/g, " ");
  if (/\b(?:worst|poorest|weakest|bottom of the (?:table|league))\b|\bworse\b/.test(lower)) return "worst";
  if (/\b(?:best|strongest|top performing|top-performing|better)\b/.test(lower)) return "best";
  if (/\b(?:lowest|fewest|least|smallest|bottom)\b/.test(lower)) return "lowest";
  if (/\b(?:highest|most|largest|biggest|greatest|top)\b/.test(lower)) return "highest";
  return null;
}

function readTone(lower: string): Tone | null {
  return PRAISE_WORDS.test(lower) ? "praise" : null;
}

/**
 * Whether a leftover word reads as a council's name: the message is little more than it, it is capitalised after
 * the first word, or it stands where a council would ("compare bury and narnia", "narnia's upheld rate").
 */
function namesCouncil(text: string, word: string): boolean {
  if (text.split(/\s+/).length <= 3) return true;
  const escaped = escapeRegExp(word);
  const capitalised = new RegExp(`(?<=\\s)${escaped.charAt(0).toUpperCase()}${escaped.slice(1)}\\b`, "u");
  if (capitalised.test(text)) return true;
  return (
    new RegExp(`\\b(?:and|vs\\.?|versus|with|against|compare|for|about|to|on|of)\\s+${escaped}\\b`, "i").test(
      text,
    ) || new RegExp(`\\b${escaped}(?:'s|\\s+(?:and|vs\\.?|versus)\\b)`, "i").test(text)
  );
}

/** What the question's words name. */
export function read(raw: string, context: Context): Reading {
  // Cut before cleaning too: Slack's markup patterns are cheap on a question, not on a 40,000-character paste.
  const text = cleanText(raw.slice(0, 4000)).slice(0, 2000);
  const lower = text.toLowerCase();
  const years = readYears(lower, context);
  const mentions = findCouncils(
    // The years are not names: "fy23/24" would otherwise be an unknown council.
    financialYears(text).replace(/\b20\d{2}(?:\s?[/-]\s?\d{2})?\b/g, " "),
    context.authorities,
    years?.to ?? years?.from ?? undefined,
  );
  // A name that could be several councils, of which only one has letters held, is that one ("Somerset", when the
  // abolished Somerset County Council's letters are not held); the others are said in a note.
  const chosen: Reading["chosen"] = [];
  const held = context.held;
  const ambiguities = held
    ? mentions.ambiguous.filter((a) => {
        const withLetters = a.candidates.filter((c) => held(c.name));
        const only = withLetters[0];
        if (withLetters.length !== 1 || !only) return true;
        if (!mentions.councils.some((m) => m.authority === only))
          mentions.councils.push({ authority: only, words: a.words, typo: false });
        chosen.push({
          words: asTyped(text, a.words),
          name: only.name,
          others: a.candidates.filter((c) => c !== only).map((c) => c.name),
        });
        return false;
      })
    : mentions.ambiguous;
  const councils = mentions.councils.map((m) => ({
    name: m.authority.name,
    shortName: m.authority.shortName,
    type: m.authority.type,
    words: asTyped(text, m.words),
    typo: m.typo,
  }));
  const measure = readMeasure(lower);
  const unknown = mentions.unknown
    .filter((word) => namesCouncil(text, word))
    .map((word) => ({
      words: asTyped(text, word),
      nearest: nearestNames(word, context.authorities, 3),
    }));
  return {
    text,
    lower,
    councils,
    ambiguous: ambiguities.map((a) => ({
      words: asTyped(text, a.words),
      candidates: a.candidates.map((c) => c.name),
    })),
    chosen,
    unknown,
    leftover: mentions.unknown,
    filters: {
      measure,
      comparison: readComparison(lower, measure),
      type:
        readType(lower) ??
        (councils.length === 0 ? (TYPE_ABBREVIATIONS.find(([re]) => re.test(lower))?.[1] ?? null) : null),
      years,
      limit: readLimit(lower),
      direction: readDirection(lower),
      every: /\ball\b|\bevery\b|\bside[- ]by[- ]side\b/.test(lower),
      // "the latest letter, not the previous one" still asks for the latest.
      previous: PREVIOUS.test(lower) && !LATEST.test(lower),
      change: readChange(lower),
      recent: RECENT.test(lower),
      term: readTerm(lower),
      count:
        /^(?:and )?how many\b|\bhow many (?:councils|authorities|boroughs|districts|counties|unitaries|of them)\b|\bnumber of (?:councils|authorities)\b|\bcount\b/.test(
          lower,
        ),
    },
    category: readCategory(lower),
    tone: readTone(lower),
  };
}

/**
 * The user's own spelling of matched words, as typed ("Stokport", "St. Helens"), never lower-cased back at them: the
 * words were matched in a normalised form, so they are found again in the text with any punctuation between them.
 */
function asTyped(text: string, words: string): string {
  const parts = words.split(" ").map((part) => part.toLowerCase());
  // Matched word by word over the text's runs of letters and digits, not with a pattern built per name: a Unicode
  // pattern made for each name cost more than the rest of understanding a question.
  if (parts.some((part) => !WORD_ONLY.test(part))) return asTypedByPattern(text, words);
  const runs = [...text.matchAll(WORD_RUN)];
  for (let i = 0; i + parts.length <= runs.length; i++) {
    if (parts.every((part, j) => (runs[i + j] as RegExpExecArray)[0].toLowerCase() === part)) {
      const first = runs[i] as RegExpExecArray;
      const last = runs[i + parts.length - 1] as RegExpExecArray;
      return text.slice(first.index, last.index + last[0].length);
    }
  }
  return words;
}
/** The same, for words that are not only letters and digits (none of the reference list's names today). */
function asTypedByPattern(text: string, words: string): string {
  const parts = words.split(" ").map(escapeRegExp);
  const found = new RegExp(
    `(?<![\\p{L}\\p{N}])${parts.join("[^\\p{L}\\p{N}]+")}(?![\\p{L}\\p{N}])`,
    "iu",
  ).exec(text);
  return found ? found[0] : words;
}
const WORD_RUN = /[\p{L}\p{N}]+/gu;
const WORD_ONLY = /^[\p{L}\p{N}]+$/u;

// ---------------------------------------------------------------------------------------------------------------
// What is asked: the rules, in order

const HELP =
  /^(?:help|\?|usage|commands|what can (?:you|i) (?:do|ask)|how do(?:es)? (?:i|this|it|you) work)\b/;
const DIGEST = /^(?:the )?(?:weekly )?digests?\b/;
const MEANING =
  /\b(?:mean|means|meaning|define|definition|explain|what(?:'s| is| are) (?:a |an |the )?(?:upheld|uphold|compliance|satisfactory|remedy|remedies|per 100))\b/;
const RANKING_WORDS =
  /\b(?:rank\w*|highest|lowest|top|bottom|best|worst|most|least|fewest|league|table|order|sorted?|list|all)\b/;
const TREND_WORDS =
  /\b(?:trend\w*|over (?:the )?(?:years|time|last|past)|year on year|year-on-year|history|historic\w*|change[sd]?|changing|since|progress\w*|getting (?:better|worse)|(?<!service )improv\w*|declin\w*|deteriorat\w*|worsen\w*|went (?:up|down)|gone (?:up|down)|go up|go down|going (?:up|down)|ris(?:ing|en)|rose|falling|fell|fallen|dropped|dropping|increas(?:ed|ing)|decreas(?:ed|ing)|compared (?:with|to) (?:last year|previous years?|20\d{2}))\b/;
/** Change over time said of councils in general: "most improved", "got worse", "declined". */
const PREVIOUS =
  /\b(?:previous|prior|earlier|last but one|the one before)\s+(?:letter|one|year'?s? letter|review)\b/;
const LATEST = /\b(?:latest|newest|current|most recent)\b/;
/** A term of the letters asked about: "what's a witness summons?", "what does 'not for us' mean?". */
const ASKS_MEANING =
  /^(?:what(?:'s| is| are| does| do)|whats|define|explain|meaning of)\b|\b(?:mean|means|meaning|definition)\b/;
const TERMS: readonly [RegExp, NonNullable<Filters["term"]>][] = [
  [/\bwitness summons/, "witness_summons"],
  [/\bpublic (?:interest )?reports?\b/, "public_report"],
  [/\bnot for us\b/, "not_for_us"],
  [/\bassessed and closed\b/, "assessed_and_closed"],
];

function readTerm(lower: string): Filters["term"] {
  if (!ASKS_MEANING.test(lower) || /\b(?:who|which|any|how many|did|has|have|had)\b/.test(lower)) return null;
  return TERMS.find(([re]) => re.test(lower))?.[1] ?? null;
}

/** Which letters arrived last: "what's new?", "any new letters?", "recently added", "latest arrivals". */
const RECENT =
  /^(?:what(?:'s| is)|whats|anything) new\b|\bnew letters?\b|\brecent(?:ly)? (?:added|ingested|arrived|loaded|letters?|arrivals)\b|\b(?:latest|newest) (?:letters|arrivals|additions)\b|\b(?:just|recently) (?:arrived|come in|added|ingested|loaded)\b|\bwhat (?:came|has come|arrived|has arrived) (?:in|lately|recently)\b/;

/** Which way a change is asked for; null when none is ("improved" is also the default of a change ranking). */
export function readChange(lower: string): Filters["change"] {
  if (WORSENED.test(lower)) return "worsened";
  if (ROSE.test(lower)) return "rose";
  if (FELL.test(lower)) return "fell";
  return IMPROVED.test(lower) ? "improved" : null;
}

/** Change over time said of councils in general: "most improved", "got worse", "rising", "fell". */
function saysChange(lower: string): boolean {
  return IMPROVED.test(lower) || WORSENED.test(lower) || ROSE.test(lower) || FELL.test(lower);
}
const SIMILAR_WORDS =
  // "complaints upheld against Kent" is about Kent, not a comparison.
  /\b(?:compare[sd]?|comparison|similar|average|avg|others|peers|benchmark\w*|(?<!(?:upheld|complaints?|made|brought|lodged|decisions?|findings?|cases?) )against|stack up|relative|rank\w*|other councils)\b/;
/** A question about councils in general ("which councils…", "who…", "list…"). */
const WHICH_COUNCILS =
  /^(?:and )?(?:who|list|show)\b|\b(?:which|what|any) (?:councils?|authorit(?:y|ies)|boroughs?|districts?|count(?:y|ies)|unitar(?:y|ies)|ones?|mets|met boroughs?|london boroughs?)\b|\bhow many\b|\bside by side\b|\ball (?:the )?(?:councils|authorities|boroughs|districts|counties|unitaries|mets|met boroughs|london boroughs)\b/;
const HOLDINGS =
  /\bwhat (?:do|does) (?:you|ombuds) (?:hold|have|know|cover)\b|\b(?:which|what) (?:councils|letters|years|data)\b.*\b(?:hold|have|held|know|cover|got|stored|available|loaded)\b|^(?:list|councils|years|letters|holdings|coverage|status)$/;

/**
 * Asking for the list itself, in words that would otherwise read as a ranking ("list", "all"): "list councils",
 * "show me all the letters", "what's new", "latest letters".
 */
const HOLDINGS_LIST =
  /^(?:please )?(?:list|show(?: me)?)(?: all)?(?: of)?(?: the| your)? (?:councils|letters|years|authorities)(?: (?:you )?(?:hold|have|held|know|cover))?[?.!\s]*$|^(?:what(?:'s| is)|whats|anything) new\b|^(?:the )?(?:latest|recent|newest|new) letters[?.!\s]*$/;

interface Rule {
  intent: Intent;
  /** Why this rule comes where it does, for the reader of the table. */
  why: string;
  when: (r: Reading) => boolean;
}

const none = (r: Reading) => r.councils.length === 0;
const one = (r: Reading) => r.councils.length === 1;
const asksConcerns = (r: Reading) => r.category !== null || r.tone !== null || CONCERN_WORDS.test(r.lower);

export const RULES: readonly Rule[] = [
  {
    intent: "help",
    why: "an empty message or a request for help",
    when: (r) => r.lower === "" || HELP.test(r.lower),
  },
  {
    intent: "digest",
    why: "the digest sub-commands, wherever typed",
    when: (r) => DIGEST.test(r.lower),
  },
  {
    intent: "meaning",
    why: "what a term of the letters means ('what's a witness summons?'), asked of no council",
    when: (r) => r.filters.term !== null && none(r),
  },
  {
    intent: "meaning",
    why: "what a measure means, not who has it",
    when: (r) =>
      r.filters.measure !== null &&
      none(r) &&
      MEANING.test(r.lower) &&
      !/\b(?:highest|lowest|top|rank\w*|which|who)\b/.test(r.lower),
  },
  {
    intent: "holdings",
    why: "what the bot holds; not a question about concerns, rates or change ('which councils got worse')",
    when: (r) =>
      none(r) &&
      !asksConcerns(r) &&
      r.filters.measure === null &&
      r.filters.comparison === null &&
      !saysChange(r.lower) &&
      (r.filters.recent ||
        HOLDINGS_LIST.test(r.lower) ||
        (!RANKING_WORDS.test(r.lower) && HOLDINGS.test(r.lower))),
  },
  {
    intent: "trend",
    why: "one council over several years, before concerns ('has Bury improved?' is not about a concern)",
    when: (r) =>
      one(r) &&
      (TREND_WORDS.test(r.lower) ||
        (r.filters.years !== null && r.filters.years.from !== r.filters.years.to)) &&
      !(asksConcerns(r) && !/\bimprov\w*|\bdeclin\w*|\bworse\w*|\bbetter\b/.test(r.lower)),
  },
  {
    intent: "concerns",
    why: "what letters raised, for one council or all",
    when: (r) =>
      asksConcerns(r) && r.councils.length <= 1 && (r.filters.measure === null || r.category !== null),
  },
  {
    intent: "trend",
    why: "change across councils ('most improved council', 'which councils got worse'): not a ranking of one year",
    when: (r) =>
      none(r) &&
      r.ambiguous.length === 0 &&
      r.unknown.length === 0 &&
      saysChange(r.lower) &&
      // "which councils fell below 100%?", "rose above the average": a level against a threshold, not a change.
      r.filters.comparison === null &&
      !/\b(?:above|below|under|over|than)\b/.test(r.lower) &&
      !asksConcerns(r),
  },
  { intent: "side_by_side", why: "two or more councils named", when: (r) => r.councils.length >= 2 },
  {
    intent: "side_by_side",
    why: "every council of a kind side by side ('all London boroughs side by side'), on every rate",
    when: (r) =>
      none(r) &&
      r.filters.type !== null &&
      r.filters.measure === null &&
      r.filters.comparison === null &&
      /\bside[- ]by[- ]side\b|\bcompare\b|\bcomparison\b|\bnext to each other\b/.test(r.lower),
  },
  {
    intent: "similar",
    why: "the averages themselves ('what's the average for county councils?'), no council named and no filter on them",
    when: (r) =>
      none(r) &&
      r.ambiguous.length === 0 &&
      r.filters.comparison === null &&
      /\b(?:averages?|avg)\b/.test(r.lower) &&
      !/\b(?:above|below|over|under|than)\b/.test(r.lower) &&
      !RANKING_WORDS.test(r.lower) &&
      !WHICH_COUNCILS.test(r.lower),
  },
  {
    intent: "ranking",
    why: "councils in general: ranked, listed or counted by any filter",
    when: (r) =>
      none(r) &&
      r.ambiguous.length === 0 &&
      (RANKING_WORDS.test(r.lower) ||
        r.filters.comparison !== null ||
        r.filters.direction !== null ||
        r.filters.count ||
        (r.filters.measure !== null && (r.filters.type !== null || WHICH_COUNCILS.test(r.lower))) ||
        (r.filters.type !== null && WHICH_COUNCILS.test(r.lower))) &&
      (r.unknown.length === 0 || r.filters.measure !== null || r.filters.type !== null),
  },
  {
    intent: "similar",
    why: "one council against its kind",
    when: (r) => one(r) && SIMILAR_WORDS.test(r.lower),
  },
  { intent: "metric", why: "one council, one measure", when: (r) => one(r) && r.filters.measure !== null },
  {
    intent: "summary",
    why: "a council named (or meant: ambiguous, unknown)",
    when: (r) => one(r) || r.ambiguous.length > 0 || r.unknown.length > 0,
  },
];

export function intentOf(reading: Reading): Intent {
  return RULES.find((rule) => rule.when(reading))?.intent ?? "unclear";
}

export function understand(raw: string, context: Context): Question {
  const reading = read(raw, context);
  return {
    text: reading.text,
    intent: intentOf(reading),
    councils: reading.councils,
    ambiguous: reading.ambiguous,
    chosen: reading.chosen,
    unknown: reading.unknown,
    filters: reading.filters,
    category: reading.category,
    tone: reading.tone,
  };
}
