import type { HeldLetter } from "../letters/schema.ts";
import { capitalise, listAnd, plural } from "../phrasing.ts";
import { type Answer, typeLabel } from "./answer.ts";
import { concernFacts, councilFacts, emptyAnswer, partialNote } from "./facts.ts";
import type { Holdings } from "./holdings.ts";
import { CONCERN_SUBJECT } from "./labels.ts";
import type { Question } from "./question.ts";

/** What the letters raised: one council's concerns and praise, or every council's of a year with a subject. */

function what(question: Question, tone: Question["tone"]): string {
  if (question.category) return CONCERN_SUBJECT[question.category];
  return tone === "praise" ? "praise" : tone === "concern" ? "concerns" : "concerns or praise";
}

export function councilConcerns(question: Question, letter: HeldLetter, holdings: Holdings): Answer {
  const wanted = (c: HeldLetter["concerns"][number]) =>
    (question.category === null || c.category === question.category) &&
    (question.tone === null || c.tone === question.tone);
  const concerns = concernFacts(letter, wanted);
  const name = letter.authority.shortName;
  const result = emptyAnswer(
    question,
    "concerns",
    `${name}: concerns and praise in the ${letter.year} letter`,
  );
  result.councils = [{ ...councilFacts(letter, [], holdings, false), concerns }];
  result.concerns = concerns;
  result.lines.push(
    concerns.length === 0
      ? `The ${letter.year} letter to ${name} raises no ${what(question, question.tone)}.`
      : `The ${letter.year} letter to ${name}: ${concerns.map((c) => c.summary.charAt(0).toLowerCase() + c.summary.slice(1)).join("; ")}.`,
  );
  result.suggestions.push(name, "who had concerns raised?");
  return result;
}

export function allConcerns(question: Question, holdings: Holdings): Answer {
  const year = question.filters.years?.to ?? holdings.latestYear;
  const type = question.filters.type;
  const letters =
    year === null ? [] : holdings.ofYear(year).filter((l) => type === null || l.authority.type === type);
  // A subject that is good news (training, improvement) is listed whatever its tone; otherwise concerns only.
  const tone =
    question.tone ??
    (question.category === "training" || question.category === "improvement" ? null : "concern");
  const concerns = (year === null ? [] : holdings.withConcerns(year))
    .filter((l) => type === null || l.authority.type === type)
    .flatMap((l) =>
      concernFacts(
        l,
        (c) =>
          (question.category === null || c.category === question.category) &&
          (tone === null || c.tone === tone),
      ),
    );
  const councils = [...new Set(concerns.map((c) => c.authority.shortName))];
  const subject = what(question, tone);
  const scope = type ? typeLabel(type, true) : "councils";
  const result = emptyAnswer(
    question,
    "concerns",
    `${capitalise(scope)} with ${subject}${year ? `, ${year}` : ""}`,
  );
  result.concerns = concerns;
  result.applied.years = year === null ? null : { from: year, to: year };
  result.lines.push(
    year === null
      ? "I hold no letters yet."
      : letters.length === 0
        ? `I hold no ${year} letters${type ? ` for ${scope}` : ""}.`
        : councils.length === 0
          ? `No ${year} letter I hold${type ? ` for ${scope}` : ""} raises ${subject} (${plural(letters.length, "letter")}).`
          : `${councils.length} of the ${plural(letters.length, type ? typeLabel(type) : "council", scope)} with a ${year} letter: ${listAnd(councils)}.`,
  );
  if (year !== null && holdings.ofYear(year).length < 30 && letters.length > 0)
    result.notes.push(partialNote(holdings.ofYear(year).length, year, "covers"));
  result.suggestions.push(
    ...councils.slice(0, 2).map((c) => `any concerns for ${c}?`),
    ...(question.category === "witness_summons" ? [] : ["who had witness summonses?"]),
  );
  return result;
}
