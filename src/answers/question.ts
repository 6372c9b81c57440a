import { z } from "zod";
import type { AuthorityIndex } from "../authorities/index.ts";
import { AuthorityType } from "../authorities/schema.ts";
import { ConcernCategory, Tone } from "../letters/schema.ts";
import { Measure } from "./metrics.ts";

/**
 * What a person asked, understood: the pure first half of answering. The filters are data, so that every kind of
 * answer applies any combination of them ("which districts had an upheld rate over 70% in 2024?") and says which
 * it applied.
 */
export const Intent = z.enum([
  "summary",
  "metric",
  "similar",
  "concerns",
  "side_by_side",
  "ranking",
  "holdings",
  "trend",
  "meaning",
  "help",
  "digest",
  "unclear",
]);
export type Intent = z.infer<typeof Intent>;

const CouncilRef = z.object({
  name: z.string(),
  shortName: z.string(),
  type: AuthorityType,
  words: z.string(),
  typo: z.boolean(),
});
export type CouncilRef = z.infer<typeof CouncilRef>;

/**
 * A threshold: on the rate itself ("over 70%": `of: "rate"`) or on its distance from the similar-authority average
 * in points ("10 points above average"; "above average" is 0 points: `of: "average"`); "between" has both bounds,
 * `value` and `high`, each included.
 */
export const Comparison = z.object({
  op: z.enum(["above", "at_least", "below", "at_most", "equal", "between"]),
  value: z.number(),
  high: z.number().optional(),
  of: z.enum(["rate", "average"]),
});
export type Comparison = z.infer<typeof Comparison>;

/**
 * Years of letters (the year ending 31 March); `to` null: the latest held. `only`: the two years named ("2021 and
 * 2024", "2021 vs 2025"), not the years between them, where an answer lists letters.
 */
export const YearRange = z.object({
  from: z.number().int(),
  to: z.number().int().nullable(),
  only: z.literal(true).optional(),
});
export type YearRange = z.infer<typeof YearRange>;

/** Whether a letter of `year` is in the range (an open range runs to the latest held). */
export function inYears(range: YearRange, year: number): boolean {
  return year >= range.from && (range.to === null || year <= range.to);
}

export const Filters = z.object({
  measure: Measure.nullable(),
  comparison: Comparison.nullable(),
  type: AuthorityType.nullable(),
  years: YearRange.nullable(),
  /** "top 5", "bottom three". */
  limit: z.number().int().positive().nullable(),
  /**
   * The end of a ranking asked for. "best" and "worst" follow the measure's own sense (the worst upheld rate is the
   * highest, the worst compliance rate the lowest), settled once the measure is known.
   */
  direction: z.enum(["best", "worst", "highest", "lowest"]).nullable(),
  /** "how many …": the answer leads with the count. */
  count: z.boolean(),
  /** "all", "every", "side by side": every council that qualifies, not the first ten. */
  every: z.boolean(),
  /** "Kent's previous letter": the letter before the latest held for the council. */
  previous: z.boolean(),
  /** Which way a change across councils is asked for: "improved most", "got worse", "rose", "fell". */
  change: z.enum(["improved", "worsened", "rose", "fell"]).nullable(),
  /** "what's new?", "recently added letters": which letters arrived last. */
  recent: z.boolean(),
  /** A term of the letters asked about ("what's a witness summons?", "what does 'not for us' mean?"). */
  term: z.enum(["witness_summons", "public_report", "not_for_us", "assessed_and_closed"]).nullable(),
});
export type Filters = z.infer<typeof Filters>;

export const Question = z.object({
  text: z.string(),
  intent: Intent,
  councils: z.array(CouncilRef),
  ambiguous: z.array(z.object({ words: z.string(), candidates: z.array(z.string()) })),
  /**
   * Names that could be several councils of which only one has letters held ("Somerset": Somerset Council, not the
   * abolished Somerset County Council): answered as that one, and the others named in a note.
   */
  chosen: z.array(z.object({ words: z.string(), name: z.string(), others: z.array(z.string()) })),
  /** Words that name a council we do not know, with the nearest names we do. */
  unknown: z.array(z.object({ words: z.string(), nearest: z.array(z.string()) })),
  filters: Filters,
  category: ConcernCategory.nullable(),
  tone: Tone.nullable(),
});
export type Question = z.infer<typeof Question>;

export interface Context {
  authorities: AuthorityIndex;
  /** Years held, so "latest" and "last year" can be read. */
  latestYear: number | null;
  /** Whether a council (by full name) has letters held: an ambiguous name with one such candidate means it. */
  held?: (authorityName: string) => boolean;
  /** The first year held, for "ever" and "over the years" (every letter held); the latest's when not given. */
  firstYear?: number | null;
  /** Today, for "last year" (the letter of the previous calendar year). */
  now: Date;
}

/** Slack markup and our own command name are not part of the question. */
export function cleanText(text: string): string {
  return text
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, "$1")
    .replace(/<[@#!][^>]*>/g, " ")
    .replace(/<(?:https?|mailto):[^>]*>/g, " ")
    .replace(/^\s*\/?ombuds\b/i, "")
    .replace(/\s+/g, " ")
    .trim();
}
