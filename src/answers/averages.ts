import { AuthorityType } from "../authorities/schema.ts";
import { capitalise, listAnd, plural } from "../phrasing.ts";
import { type Answer, typeLabel } from "./answer.ts";
import { emptyAnswer, note, partialNote } from "./facts.ts";
import type { Holdings } from "./holdings.ts";
import { formatValue, MEASURE_LIST, MEASURES, type Measure, readingOf } from "./metrics.ts";
import type { Question } from "./question.ts";

/**
 * "What's the average for county councils?", "average upheld rate 2025": the similar-authority averages the
 * Ombudsman prints in a year's letters, for each kind of council held. They are the letters' own figures, read from
 * the letters held, never worked out by us; where the letters of one kind print different averages (which they
 * should not), each value is given. The letters print no national average, and the answer says so when asked.
 */

export function averages(question: Question, holdings: Holdings): Answer {
  // One year's averages: the one asked, or a range's last (the latest held when it is open: "since 2022").
  const range = question.filters.years;
  const year = range ? (range.to ?? holdings.latestYear) : holdings.latestYear;
  const measures: Measure[] = question.filters.measure ? [question.filters.measure] : MEASURE_LIST;
  const type = question.filters.type;
  const what = question.filters.measure ? `${MEASURES[question.filters.measure].short} averages` : "averages";
  const result = emptyAnswer(
    question,
    "similar",
    `Similar-authority ${what}${type ? ` for ${typeLabel(type, true)}` : ""}${year ? `, ${year}` : ""}`,
  );
  result.applied.years = year === null ? null : { from: year, to: year };
  result.applied.type = type;
  result.applied.measure = question.filters.measure;
  if (/\bnational\b|\bengland\b|\bcountry\b|\boverall\b/.test(question.text.toLowerCase()))
    result.lines.push(
      "The letters give an average for each kind of council (similar authorities), not a national one.",
    );
  const letters =
    year === null ? [] : holdings.ofYear(year).filter((l) => type === null || l.authority.type === type);
  if (year === null || letters.length === 0) {
    result.lines.push(
      year === null
        ? "I hold no letters yet."
        : `I hold no ${year} letters${type ? ` for ${typeLabel(type, true)}` : ""}.`,
    );
    return result;
  }
  for (const kind of AuthorityType.options) {
    const ofKind = letters.filter((l) => l.authority.type === kind);
    if (ofKind.length === 0) continue;
    const parts: string[] = [];
    const printing = new Set<string>();
    for (const measure of measures) {
      if (year < MEASURES[measure].since) continue;
      const values: number[] = [];
      for (const letter of ofKind) {
        const average = readingOf(letter, measure).average;
        if (average === null) continue;
        printing.add(letter.authority.name);
        if (!values.includes(average)) values.push(average);
      }
      const printed = values.sort((a, b) => a - b);
      if (printed.length === 0) continue;
      const shown = listAnd(printed.map((v) => formatValue(measure, v)));
      parts.push(
        measure === "perResidents"
          ? `${shown} upheld decisions per 100,000 residents`
          : `${MEASURES[measure].label.toLowerCase()} ${shown}`,
      );
      if (printed.length > 1)
        result.notes.push(
          note(
            "different_averages",
            `The ${year} letters to ${typeLabel(kind, true)} print different ${MEASURES[measure].short} averages (${shown}); each is given as printed.`,
          ),
        );
    }
    if (parts.length === 0) continue;
    result.lines.push(
      `${capitalise(typeLabel(kind, true))}: ${parts.join("; ")} (as printed in ${plural(printing.size, "letter")}).`,
    );
  }
  if (result.lines.length === 0 || result.lines.every((l) => l.startsWith("The letters give an average")))
    result.lines.push(`The ${year} letters I hold print no similar-authority average for this.`);
  if (holdings.ofYear(year).length < 30)
    result.notes.push(partialNote(holdings.ofYear(year).length, year, "covers"));
  result.suggestions.push(
    `which ${type ? typeLabel(type, true) : "councils"} are above average on upheld?`,
    "what does upheld mean?",
  );
  return result;
}
