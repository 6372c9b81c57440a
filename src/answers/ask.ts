import type { HeldLetter } from "../letters/schema.ts";
import { listOr } from "../phrasing.ts";
import {
  ambiguous,
  changeAcross,
  digest,
  held,
  help,
  meaning,
  noLetter,
  noLetterText,
  unclear,
  unknownCouncil,
  unknownNote,
} from "./about.ts";
import type { Answer, Note } from "./answer.ts";
import { averages } from "./averages.ts";
import { rankByChange } from "./change.ts";
import { kindSideBySide, sideBySide, similar } from "./comparison.ts";
import { allConcerns, councilConcerns } from "./concerns.ts";
import { note, wantedYear } from "./facts.ts";
import type { Holdings } from "./holdings.ts";
import type { Context, Question } from "./question.ts";
import { ranking } from "./ranking.ts";
import { oneMetric, summary } from "./summary.ts";
import { trend } from "./trend.ts";
import { understand } from "./understand.ts";

export { EXAMPLES } from "./about.ts";

/** Text in, answer out: the whole answers layer in one call. */
export function ask(
  text: string,
  holdings: Holdings,
  context: Omit<Context, "latestYear" | "firstYear" | "held">,
): Answer {
  const firstYear = holdings.years[0] ?? null;
  const held = (name: string) => holdings.ofCouncil(name).length > 0;
  return answer(understand(text, { ...context, latestYear: holdings.latestYear, firstYear, held }), holdings);
}

export function answer(question: Question, holdings: Holdings): Answer {
  switch (question.intent) {
    case "help":
      return help(question);
    case "digest":
      return digest(question);
    case "meaning":
      return meaning(question);
    case "holdings":
      return held(question, holdings);
    case "ranking":
      return withNamesNotes(ranking(question, holdings), question);
    case "unclear":
      return unclear(question, holdings);
    default:
      break;
  }
  if (question.intent === "concerns" && question.councils.length === 0 && question.ambiguous.length === 0) {
    return withNamesNotes(allConcerns(question, holdings), question);
  }
  if (question.intent === "trend" && question.councils.length === 0 && question.ambiguous.length === 0) {
    return rankByChange(question, holdings) ?? changeAcross(question, holdings);
  }
  if (question.intent === "similar" && question.councils.length === 0 && question.ambiguous.length === 0) {
    return withNamesNotes(averages(question, holdings), question);
  }
  if (question.intent === "side_by_side" && question.councils.length === 0 && question.filters.type) {
    return withNamesNotes(kindSideBySide(question, holdings), question);
  }

  // Every other answer is about named councils: resolve them to letters first.
  if (question.councils.length === 0) {
    if (question.ambiguous.length > 0) return withNamesNotes(ambiguous(question, holdings), question, false);
    return unknownCouncil(question, holdings);
  }
  const letters: HeldLetter[] = [];
  const missing: Question["councils"] = [];
  const year = wantedYear(question);
  // "Kent's previous letter", "the one before": the letter before the latest held for that council.
  const previous = year === null && question.filters.previous;
  const onlyOne: Note[] = [];
  for (const council of question.councils) {
    const all = holdings.ofCouncil(council.name);
    const letter = year === null ? (all[previous ? 1 : 0] ?? all[0]) : all.find((l) => l.year === year);
    if (letter && previous && all.length === 1)
      onlyOne.push(
        note(
          "no_letter",
          `I hold only the ${letter.year} letter for ${council.shortName}, so there is no earlier one: this is that letter.`,
        ),
      );
    if (letter) letters.push(letter);
    else missing.push(council);
  }
  if (letters.length === 0) return withNamesNotes(noLetter(question, holdings), question);
  const notes: Note[] = [
    ...onlyOne,
    ...missing.map((council) => note("no_letter", noLetterText(question, council, holdings))),
  ];

  let result: Answer;
  const [first] = letters as [HeldLetter, ...HeldLetter[]];
  const intent = question.intent;
  if (intent === "side_by_side" && letters.length >= 2) result = sideBySide(question, letters, holdings);
  else if (intent === "concerns") result = councilConcerns(question, first, holdings);
  else if (intent === "trend") result = trend(question, first, holdings);
  else if (intent === "similar" || intent === "side_by_side") result = similar(question, first, holdings);
  else if (intent === "metric" && question.filters.measure)
    result = oneMetric(question, first, question.filters.measure, holdings);
  else if (letters.length >= 2) result = sideBySide(question, letters, holdings);
  else result = summary(question, first, holdings);
  result.notes.unshift(...notes);
  return withNamesNotes(result, question);
}

/**
 * Every name in the question is answered or explained: a near spelling read as a council (`didYouMean`), a name
 * that could be several councils, a name we do not know with the nearest we do.
 */
function withNamesNotes(result: Answer, question: Question, ambiguity = true): Answer {
  const notes: Note[] = [];
  for (const typo of result.didYouMean)
    notes.push(note("typo", `Did you mean ${typo.shortName}? I read “${typo.words}” as ${typo.name}.`));
  for (const c of question.chosen)
    notes.push(
      note(
        "chosen_council",
        `“${c.words}” could also be ${listOr(c.others)}; I hold letters only for ${c.name}, so this is its answer.`,
      ),
    );
  if (ambiguity && result.kind !== "ambiguous")
    for (const a of question.ambiguous)
      notes.push(note("ambiguous", `“${a.words}” could be ${listOr(a.candidates)}: say which.`));
  if (result.kind !== "unknown_council") for (const u of question.unknown) notes.push(unknownNote(u));
  result.notes.unshift(...notes);
  return result;
}
