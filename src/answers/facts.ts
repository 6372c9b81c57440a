import type { AuthorityType } from "../authorities/schema.ts";
import type { HeldLetter, Metric, WarningCode } from "../letters/schema.ts";
import { listAnd, noun, ordinal, plural, points } from "../phrasing.ts";
import {
  type Answer,
  type AuthorityRef,
  type ConcernFact,
  type CouncilFacts,
  type Note,
  type NoteCode,
  type PerResidentsFact,
  type Position,
  type RateFact,
  type Source,
  typeLabel,
} from "./answer.ts";
import type { Holdings } from "./holdings.ts";
import { MEASURES, METRIC_LIST, type Measure, readingOf } from "./metrics.ts";
import type { Question } from "./question.ts";

/**
 * The facts every kind of answer is built from: a letter's rates placed against their average and their peers, its
 * per-100,000 figure, its concerns with their source, and the notes (with codes) that qualify them. Answers say
 * what these facts say; they never read figures from anywhere else.
 */

/** Below this many cases a rate swings widely; the answer says by how much one case moves it. */
export const SMALL_BASE = 10;

export const sourceOf = (letter: HeldLetter): Source => ({
  id: letter.id,
  council: letter.authority.shortName,
  year: letter.year,
  file: letter.source.file,
  letterDate: letter.letterDate,
});

export const authorityOf = (letter: HeldLetter): AuthorityRef => ({ ...letter.authority });

export const note = (code: NoteCode, text: string): Note => ({ code, text });

/** An answer with nothing in it yet. */
export function emptyAnswer(
  question: Question,
  kind: Answer["kind"],
  title: string,
  lines: string[] = [],
): Answer {
  return {
    question,
    kind,
    title,
    lines,
    restating: [],
    councils: [],
    ranking: null,
    trend: null,
    concerns: [],
    holdings: null,
    notes: [],
    didYouMean: question.councils
      .filter((c) => c.typo)
      .map((c) => ({ words: c.words, name: c.name, shortName: c.shortName })),
    applied: { ...question.filters, order: null },
    suggestions: [],
  };
}

const positionOf = (difference: number | null): Position | null =>
  difference === null ? null : difference > 0 ? "above" : difference < 0 ? "below" : "level";

/** rate − average, rounded to one decimal (the per-100,000 figures have one). */
const differenceOf = (value: number | null, average: number | null) =>
  value !== null && average !== null ? Math.round((value - average) * 10) / 10 : null;

/** The council's place among its peers: how many have a higher rate, and how many share its rate. */
function rankOf(letter: HeldLetter, measure: Measure, value: number, holdings: Holdings): RateFact["rank"] {
  if (!letter.authority.type) return null;
  const { entries } = holdings.field(letter.year, letter.authority.type, measure);
  let higher = 0;
  let tied = 0;
  for (const entry of entries) {
    if (entry.value > value) higher++;
    else if (entry.value === value) tied++;
  }
  return { position: higher + 1, of: entries.length, tied };
}

export function rateFact(letter: HeldLetter, metric: Metric, holdings: Holdings): RateFact {
  const reading = readingOf(letter, metric);
  const difference = differenceOf(reading.value, reading.average);
  return {
    metric,
    label: MEASURES[metric].label,
    rate: reading.value,
    average: reading.average,
    difference,
    position: positionOf(difference),
    rank: reading.value === null ? null : rankOf(letter, metric, reading.value, holdings),
    noCases: reading.noCases,
    base: reading.base,
    baseLabel: MEASURES[metric].baseLabel ?? "",
  };
}

export function perResidentsFact(letter: HeldLetter): PerResidentsFact | null {
  const per = letter.stats.upheld?.perHundredThousand;
  if (!per) return null;
  const difference = differenceOf(per.value, per.similarAverage);
  return { value: per.value, average: per.similarAverage, difference, position: positionOf(difference) };
}

export function concernFacts(
  letter: HeldLetter,
  filter?: (c: HeldLetter["concerns"][number]) => boolean,
): ConcernFact[] {
  return letter.concerns
    .filter((c) => (filter ? filter(c) : true))
    .map((c) => ({ authority: authorityOf(letter), year: letter.year, ...c, source: sourceOf(letter) }));
}

export function councilFacts(
  letter: HeldLetter,
  metrics: readonly Metric[],
  holdings: Holdings,
  withConcerns = true,
): CouncilFacts {
  const noStatistics = !letter.stats.upheld && !letter.stats.compliance && !letter.stats.remedy;
  return {
    authority: authorityOf(letter),
    source: sourceOf(letter),
    noStatistics,
    rates: noStatistics ? [] : metrics.map((m) => rateFact(letter, m, holdings)),
    perResidents: noStatistics ? null : perResidentsFact(letter),
    concerns: withConcerns ? concernFacts(letter) : [],
  };
}

/** "based on 5 investigations: one case moves the rate by 20 points"; "no investigations in 2024". */
export function baseNotes(facts: readonly CouncilFacts[]): Note[] {
  const out: Note[] = [];
  for (const council of facts) {
    const name = council.authority.shortName;
    for (const rate of council.rates) {
      const label = rate.label.toLowerCase();
      if (rate.noCases) {
        out.push(
          note(
            "no_cases",
            `${name}'s ${label} rate is not calculable for ${council.source.year}: there were no ${rate.baseLabel} that year.`,
          ),
        );
      } else if (rate.base !== null && rate.base > 0 && rate.base < SMALL_BASE && rate.rate !== null) {
        out.push(
          note(
            "small_base",
            `${name}'s ${label} rate is based on ${plural(rate.base, rate.baseLabel.replace(/s$/, ""), rate.baseLabel)}: one case moves it by ${Math.round(100 / rate.base)} points.`,
          ),
        );
      }
    }
  }
  return out;
}

/** The kinds of warning that mean a figure could not be read with certainty (a rate over no cases is not one). */
const UNREAD: ReadonlySet<WarningCode> = new Set<WarningCode>([
  "not_found",
  "unreadable",
  "out_of_range",
  "conflicting",
  "inconsistent",
  "ambiguous",
]);

/** The fields of a letter's statistics that the parser could not read with certainty (null with a warning). */
export function unreadFields(letter: HeldLetter): string[] {
  const fields = new Set<string>();
  for (const warning of letter.warnings) {
    if (!warning.field.startsWith("stats.") || !UNREAD.has(warning.code)) continue;
    // A field whose figure is there was read (a warning about a figure kept, or about the whole section).
    if (figureAt(letter, warning.field) !== null) continue;
    fields.add(warning.field.replace("stats.", ""));
  }
  return [...fields];
}

/** The figure at a warning's field path ("stats.upheld.rate"), or null where there is none. */
function figureAt(letter: HeldLetter, path: string): unknown {
  let value: unknown = letter;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? null : value;
}

/** Figures the parser could not read with certainty are null; say so rather than leave a silent gap. */
export function unreadNotes(letter: HeldLetter): Note[] {
  const unread = unreadFields(letter);
  return unread.length > 0
    ? [
        note(
          "unread_figures",
          `Some figures in ${letter.authority.shortName}'s ${letter.year} letter could not be read with certainty and are left out (${unread.join(", ")}).`,
        ),
      ]
    : [];
}

/** Adds `line` to the answer as one that restates figures shown in its councils' facts. */
export function restate(answer: Answer, line: string): void {
  answer.restating.push(answer.lines.length);
  answer.lines.push(line);
}

/** "Complaints upheld: 81%, 14 points above the similar-authority average of 67%; the highest of the 3 …". */
export function comparisonLine(fact: RateFact, type: AuthorityType | null, year: number): string {
  if (fact.noCases) return `${fact.label}: not calculable, as there were no ${fact.baseLabel} in ${year}.`;
  if (fact.rate === null) return `${fact.label}: the letter gives no rate.`;
  // A letter that prints "n/a" for the average is said to, so "above average?" is not left unanswered.
  let where =
    fact.average === null ? ", and the letter gives no similar-authority average to compare it with" : "";
  if (fact.average !== null && fact.difference !== null) {
    where =
      fact.position === "level"
        ? `, level with the similar-authority average of ${fact.average}%`
        : `, ${points(fact.difference)} ${fact.position} the similar-authority average of ${fact.average}%`;
  }
  return `${fact.label}: ${fact.rate}%${where}${rankPhrase(fact, type)}.`;
}

function rankPhrase(fact: RateFact, type: AuthorityType | null): string {
  if (!fact.rank || fact.rank.of < 2) return "";
  const { position, of, tied } = fact.rank;
  const last = position + tied - 1 === of;
  const place = position === 1 ? "the highest" : last ? "the lowest" : `${ordinal(position)} highest`;
  return `; ${tied > 1 ? `joint ${place.replace("the ", "")}` : place} of the ${of} ${typeLabel(type, true)} I hold`;
}

/** "Upheld decisions per 100,000 residents: 4.8, above the average of 4.5 for county councils." */
export function perResidentsLine(fact: PerResidentsFact, type: AuthorityType | null): string | null {
  if (fact.value === null) return null;
  const kind = typeLabel(type, true);
  const where =
    fact.average === null
      ? ", and the letter gives no average to compare it with"
      : fact.difference === null
        ? ""
        : fact.position === "level"
          ? `, level with the average of ${fact.average.toFixed(1)} for ${kind}`
          : `, ${fact.position} the average of ${fact.average.toFixed(1)} for ${kind}`;
  return `${MEASURES.perResidents.label}: ${fact.value.toFixed(1)}${where}.`;
}

/** Said when a letter before 2024 is asked for the per-100,000 figure. */
export function perResidentsNotGiven(letter: HeldLetter): Note {
  return note(
    "not_given_before",
    `The letters give upheld decisions per 100,000 residents from ${MEASURES.perResidents.since}; ${letter.authority.shortName}'s ${letter.year} letter does not.`,
  );
}

/** "I hold 5 letters for 2020: this ranks those, not every council in England." */
export function partialNote(count: number, year: number, what: string): Note {
  return note(
    "partial_holdings",
    `I hold ${plural(count, "letter")} for ${year}: this ${what} ${count === 1 ? "that one" : "those"}, not every council in England.`,
  );
}

/** The year a council's letter is wanted for: one named, the end of a range, or the latest (null). */
export function wantedYear(question: Question): number | null {
  const years = question.filters.years;
  if (!years || question.intent === "trend") return null;
  return years.to ?? null;
}

export { listAnd, METRIC_LIST, noun };
