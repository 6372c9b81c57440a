import { z } from "zod";
import { AUTHORITY_TYPE_LABEL, AuthorityType } from "../authorities/schema.ts";
import { ConcernCategory, Metric, Tone } from "../letters/schema.ts";
import { Intent, Question } from "./question.ts";

/**
 * An answer is data: facts with the letter and year they come from, comparisons, concerns with the letter's own
 * words, caveats and follow-up questions. The CLI renders it as text and the Slack app as Block Kit; neither adds
 * facts of its own.
 */

export const AuthorityRef = z.object({
  name: z.string(),
  shortName: z.string(),
  type: AuthorityType.nullable(),
});
export type AuthorityRef = z.infer<typeof AuthorityRef>;

export const Source = z.object({
  id: z.string(),
  year: z.number().int(),
  file: z.string(),
  letterDate: z.string().nullable(),
});
export type Source = z.infer<typeof Source>;

export const Position = z.enum(["above", "below", "level"]);
export type Position = z.infer<typeof Position>;

export const RateFact = z.object({
  metric: Metric,
  label: z.string(),
  rate: z.number().nullable(),
  average: z.number().nullable(),
  /** rate − average, in percentage points. */
  difference: z.number().nullable(),
  position: Position.nullable(),
  /** Place among the stored councils of the same type and year, 1 = highest rate. */
  rank: z.object({ position: z.number().int(), of: z.number().int(), tied: z.number().int() }).nullable(),
  /** What the rate is computed on, e.g. "16 investigations". */
  base: z.number().int().nullable(),
  baseLabel: z.string(),
});
export type RateFact = z.infer<typeof RateFact>;

export const ConcernFact = z.object({
  authority: AuthorityRef,
  year: z.number().int(),
  category: ConcernCategory,
  tone: Tone,
  summary: z.string(),
  quote: z.string(),
  source: Source,
});
export type ConcernFact = z.infer<typeof ConcernFact>;

export const CouncilFacts = z.object({
  authority: AuthorityRef,
  source: Source,
  /** The letter gives no statistics (Bath and North East Somerset, 2020). */
  noStatistics: z.boolean(),
  rates: z.array(RateFact),
  concerns: z.array(ConcernFact),
});
export type CouncilFacts = z.infer<typeof CouncilFacts>;

export const RankingRow = z.object({
  authority: AuthorityRef,
  rate: z.number(),
  average: z.number().nullable(),
  base: z.number().int().nullable(),
  source: Source,
});

export const Ranking = z.object({
  metric: Metric,
  label: z.string(),
  year: z.number().int(),
  type: AuthorityType.nullable(),
  order: z.enum(["highest", "lowest"]),
  relative: z.enum(["above", "below"]).nullable(),
  /** How many councils qualified before the list was cut to `rows`. */
  total: z.number().int(),
  rows: z.array(RankingRow),
});
export type Ranking = z.infer<typeof Ranking>;

export const TrendPoint = z.object({
  year: z.number().int(),
  upheld: z.number().nullable(),
  compliance: z.number().nullable(),
  remedy: z.number().nullable(),
  source: Source,
});

/** What kind of answer this is: the intent answered, or why it could not be. */
export const AnswerKind = z.enum([...Intent.options, "unknown_council", "ambiguous", "no_letter"]);
export type AnswerKind = z.infer<typeof AnswerKind>;

export const Answer = z.object({
  question: Question,
  kind: AnswerKind,
  title: z.string(),
  /** One or two plain sentences: the answer in words. */
  lines: z.array(z.string()),
  councils: z.array(CouncilFacts),
  ranking: Ranking.nullable(),
  trend: z.object({ authority: AuthorityRef, points: z.array(TrendPoint) }).nullable(),
  concerns: z.array(ConcernFact),
  holdings: z
    .object({
      letters: z.number().int(),
      councils: z.number().int(),
      years: z.array(z.number().int()),
      byType: z.array(z.object({ type: AuthorityType.nullable(), councils: z.number().int() })),
      withConcerns: z.array(z.string()),
    })
    .nullable(),
  caveats: z.array(z.string()),
  suggestions: z.array(z.string()),
});
export type Answer = z.infer<typeof Answer>;

export function typeLabel(type: AuthorityType | null, plural = false): string {
  if (!type) return plural ? "councils" : "council";
  const label = AUTHORITY_TYPE_LABEL[type];
  if (!plural) return label;
  return label.endsWith("y") && !label.endsWith("ey") ? `${label.slice(0, -1)}ies` : `${label}s`;
}
