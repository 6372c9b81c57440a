import { z } from "zod";
import { AUTHORITY_TYPE_LABEL, AuthorityType } from "../authorities/schema.ts";
import { ConcernCategory, Metric, Tone } from "../letters/schema.ts";
import { Measure } from "./metrics.ts";
import { Comparison, Filters, Intent, Question } from "./question.ts";

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
  /** The council's short name, to name the letter by ("Sefton's 2020 letter"). */
  council: z.string(),
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
  /**
   * Place among the stored councils of the same type and year whose rate is calculable, 1 = highest rate; `tied`
   * councils share it.
   */
  rank: z.object({ position: z.number().int(), of: z.number().int(), tied: z.number().int() }).nullable(),
  /** The rate is over no cases (no investigations, no recommendations due): not calculable, never 0% or 100%. */
  noCases: z.boolean(),
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

/** Upheld decisions per 100,000 residents and the average for the type (letters from 2024). */
export const PerResidentsFact = z.object({
  value: z.number().nullable(),
  average: z.number().nullable(),
  difference: z.number().nullable(),
  position: Position.nullable(),
});
export type PerResidentsFact = z.infer<typeof PerResidentsFact>;

export const CouncilFacts = z.object({
  authority: AuthorityRef,
  source: Source,
  /** The letter gives no statistics (Bath and North East Somerset, 2020). */
  noStatistics: z.boolean(),
  rates: z.array(RateFact),
  /** null: the letter does not give it (letters before 2024, or one whose figure could not be read). */
  perResidents: PerResidentsFact.nullable(),
  concerns: z.array(ConcernFact),
});
export type CouncilFacts = z.infer<typeof CouncilFacts>;

export const RankingRow = z.object({
  /** 1-based; councils with the same figure share a place ("=3."). */
  place: z.number().int(),
  tied: z.boolean(),
  authority: AuthorityRef,
  rate: z.number(),
  average: z.number().nullable(),
  /** rate − average. */
  difference: z.number().nullable(),
  base: z.number().int().nullable(),
  source: Source,
});
export type RankingRow = z.infer<typeof RankingRow>;

export const Ranking = z.object({
  measure: Measure,
  label: z.string(),
  /** "%" or " per 100,000". */
  unit: z.string(),
  year: z.number().int(),
  type: AuthorityType.nullable(),
  order: z.enum(["highest", "lowest"]),
  comparison: Comparison.nullable(),
  /** How many councils qualified before the list was cut to `rows`. */
  total: z.number().int(),
  /** How many of the year's (and type's) letters give a calculable figure: the field qualifying was judged among. */
  field: z.number().int(),
  /** Letters left out because the figure is over no cases (not calculable). */
  notCalculable: z.array(AuthorityRef),
  rows: z.array(RankingRow),
});
export type Ranking = z.infer<typeof Ranking>;

export const TrendPoint = z.object({
  year: z.number().int(),
  upheld: z.number().nullable(),
  compliance: z.number().nullable(),
  remedy: z.number().nullable(),
  perResidents: z.number().nullable(),
  /** The measures whose rate is over no cases that year (shown as not calculable, skipped in changes). */
  noCases: z.array(Metric),
  source: Source,
});
export type TrendPoint = z.infer<typeof TrendPoint>;

/** A change between two years of one measure. */
export const Change = z.object({
  measure: Measure,
  from: z.object({ year: z.number().int(), value: z.number() }),
  to: z.object({ year: z.number().int(), value: z.number() }),
  /** to − from, in points (or per 100,000). */
  change: z.number(),
  /** Whether the change is for the better by the measure's own sense; null: no change. */
  better: z.boolean().nullable(),
  /** Years between them left out because the rate was not calculable or not given. */
  skipped: z.array(z.number().int()),
  /** Year to year: each year that gives a figure against the one before it that does ("+5 points in 2023"). */
  steps: z.array(z.object({ year: z.number().int(), change: z.number() })),
});
export type Change = z.infer<typeof Change>;

/**
 * What an answer says besides its facts, each with a code that callers and renderers act on (never the text):
 * `typo` (a name read as a near spelling), `unknown_council`, `ambiguous`, `no_letter`, `small_base`, `no_cases`,
 * `unread_figures`, `different_years`, `different_types`, `partial_holdings`, `not_calculable_left_out`,
 * `not_given_before`, `skipped_years`, `filter_dropped`, `measure_assumed`, `different_averages`, `chosen_council` (an
 * ambiguous name answered as the one council of it whose letters are held).
 */
export const NoteCode = z.enum([
  "typo",
  "unknown_council",
  "ambiguous",
  "no_letter",
  "small_base",
  "no_cases",
  "unread_figures",
  "different_years",
  "different_types",
  "partial_holdings",
  "not_calculable_left_out",
  "not_given_before",
  "skipped_years",
  "filter_dropped",
  "measure_assumed",
  "different_averages",
  "chosen_council",
]);
export type NoteCode = z.infer<typeof NoteCode>;

export const Note = z.object({ code: NoteCode, text: z.string() });
export type Note = z.infer<typeof Note>;

/** Notes about the names asked for: said under the title, before any figure, so the reader knows whose they are. */
export const isNameNote = (n: Note): boolean =>
  n.code === "typo" || n.code === "unknown_council" || n.code === "ambiguous";

/** What kind of answer this is: the intent answered, or why it could not be. */
export const AnswerKind = z.enum([...Intent.options, "unknown_council", "ambiguous", "no_letter"]);
export type AnswerKind = z.infer<typeof AnswerKind>;

export const Answer = z.object({
  question: Question,
  kind: AnswerKind,
  title: z.string(),
  /** One or two plain sentences: the answer in words. */
  lines: z.array(z.string()),
  /**
   * Which of `lines` (by index) say in words the figures `councils` holds: a renderer that shows those figures as a
   * table may leave these out, so no figure is shown twice.
   */
  restating: z.array(z.number().int()),
  councils: z.array(CouncilFacts),
  ranking: Ranking.nullable(),
  trend: z
    .object({ authority: AuthorityRef, points: z.array(TrendPoint), changes: z.array(Change) })
    .nullable(),
  concerns: z.array(ConcernFact),
  holdings: z
    .object({
      letters: z.number().int(),
      councils: z.number().int(),
      years: z.array(z.number().int()),
      byType: z.array(z.object({ type: AuthorityType.nullable(), councils: z.number().int() })),
      withConcerns: z.array(z.string()),
      /** Asked what is new: the letters that arrived last, newest first (at most `ARRIVALS_SHOWN`). */
      arrivals: z.array(
        z.object({
          authority: z.string(),
          year: z.number().int(),
          at: z.iso.datetime(),
          change: z.enum(["added", "updated"]),
        }),
      ),
    })
    .nullable(),
  notes: z.array(Note),
  /** Names read as near spellings of a council: said first, so the reader knows whose figures follow. */
  didYouMean: z.array(z.object({ words: z.string(), name: z.string(), shortName: z.string() })),
  /** The filters the answer applied, defaults filled in (the measure ranked by, the year, the order). */
  applied: Filters.extend({ order: z.enum(["highest", "lowest"]).nullable() }),
  suggestions: z.array(z.string()),
});
export type Answer = z.infer<typeof Answer>;

export function typeLabel(type: AuthorityType | null, plural = false): string {
  if (!type) return plural ? "councils" : "council";
  const label = AUTHORITY_TYPE_LABEL[type];
  if (!plural) return label;
  return label.endsWith("y") && !label.endsWith("ey") ? `${label.slice(0, -1)}ies` : `${label}s`;
}
