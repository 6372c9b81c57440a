import type { HeldLetter } from "../letters/schema.ts";
import { capitalise, listAnd, plural } from "../phrasing.ts";
import { type Answer, type ConcernFact, typeLabel } from "./answer.ts";
import { concernFacts, councilFacts, emptyAnswer, note, partialNote } from "./facts.ts";
import type { Holdings } from "./holdings.ts";
import { CONCERN_SUBJECT } from "./labels.ts";
import { readingOf } from "./metrics.ts";
import { inYears, type Question } from "./question.ts";

/** What the letters raised: one council's concerns and praise, or every council's of a year with a subject. */

function what(question: Question, tone: Question["tone"]): string {
  if (question.category) return CONCERN_SUBJECT[question.category];
  return tone === "praise" ? "praise" : tone === "concern" ? "concerns" : "concerns or praise";
}

export function councilConcerns(question: Question, letter: HeldLetter, holdings: Holdings): Answer {
  const wanted = wantedBy(question, question.tone);
  const name = letter.authority.shortName;
  // A range ("Kent concerns since 2022") is every letter of the council held in it, newest first.
  const range = question.filters.years;
  const inRange =
    range && range.from !== range.to
      ? holdings.ofCouncil(letter.authority.name).filter((l) => inYears(range, l.year))
      : [];
  if (inRange.length > 1) {
    const first = inRange[inRange.length - 1] as HeldLetter;
    const last = inRange[0] as HeldLetter;
    const result = emptyAnswer(
      question,
      "concerns",
      `${name}: concerns and praise, ${first.year} to ${last.year}`,
    );
    result.councils = [{ ...councilFacts(last, [], holdings, false), concerns: [] }];
    result.concerns = inRange.flatMap((l) => concernFacts(l, wanted));
    // The letters that raise something, a line each; those that raise nothing, in one line after them.
    const silent = inRange.filter((l) => concernFacts(l, wanted).length === 0);
    const subject = what(question, question.tone).replace(/^an? /, "");
    if (silent.length === inRange.length) {
      result.lines.push(
        `None of the ${inRange.length} letters to ${name} I hold, ${first.year} to ${last.year}, raises ${what(question, question.tone)}.`,
      );
    } else {
      for (const l of inRange) {
        const facts = concernFacts(l, wanted);
        if (facts.length > 0) result.lines.push(concernsLine(question, l, facts));
      }
      if (silent.length > 0) {
        const years = listAnd(silent.map((l) => String(l.year)).reverse());
        result.lines.push(
          `Its ${years} ${silent.length === 1 ? "letter raises" : "letters raise"} no ${subject}.`,
        );
      }
    }
    result.suggestions.push(name, "who had concerns raised?");
    return result;
  }
  const concerns = concernFacts(letter, wanted);
  const result = emptyAnswer(
    question,
    "concerns",
    `${name}: concerns and praise in the ${letter.year} letter`,
  );
  result.councils = [{ ...councilFacts(letter, [], holdings, false), concerns }];
  result.concerns = concerns;
  result.lines.push(concernsLine(question, letter, concerns));
  if (question.category === "compliance_failure") {
    const compliance = readingOf(letter, "compliance");
    if (compliance.value !== null && compliance.value < 100)
      result.lines.push(
        `Its compliance rate is ${compliance.value}%${compliance.base !== null ? ` of ${plural(compliance.base, "outcome")}` : ""}: not every recommendation was complied with.`,
      );
  }
  result.suggestions.push(name, "who had concerns raised?");
  return result;
}

/**
 * What one letter raised, in a sentence: its concerns, then its praise said as praise, so that good news is never
 * read as a red flag ("raises no concerns; it praises: …").
 */
function concernsLine(question: Question, letter: HeldLetter, concerns: ConcernFact[]): string {
  const lead = `The ${letter.year} letter to ${letter.authority.shortName}`;
  // "raises no a public report" reads as "raises no public report".
  if (concerns.length === 0)
    return `${lead} raises no ${what(question, question.tone).replace(/^an? /, "")}.`;
  const said = (list: ConcernFact[]) =>
    list.map((c) => c.summary.charAt(0).toLowerCase() + c.summary.slice(1)).join("; ");
  const praise = concerns.filter((c) => c.tone === "praise");
  const raised = concerns.filter((c) => c.tone !== "praise");
  // Asked for one subject or tone, the letter's words on it need no sorting.
  if (question.category !== null || question.tone !== null || praise.length === 0)
    return `${lead}: ${said(concerns)}.`;
  if (raised.length === 0) return `${lead} raises no concerns; it praises: ${said(praise)}.`;
  return `${lead} raises: ${said(raised)}. It praises: ${said(praise)}.`;
}

export function allConcerns(question: Question, holdings: Holdings): Answer {
  // A range ("since 2022", "in 2023 and 2024") covers every year of it that is held; otherwise one year, the one
  // asked or the latest.
  const range = question.filters.years;
  const last = range?.to ?? holdings.latestYear;
  const first = range && range.from !== range.to ? range.from : last;
  // "in 2021 and 2024", "2021 vs 2025": those two years, not the years between them.
  const pair = range?.only === true;
  const spanned =
    last === null || first === null
      ? []
      : holdings.years.filter((y) => (pair ? y === first || y === last : y >= first && y <= last));
  if (spanned.length > 1 && first !== null && last !== null)
    return concernsAcross(question, holdings, spanned);
  const year = spanned.length === 1 ? (spanned[0] as number) : last;
  const type = question.filters.type;
  const letters =
    year === null ? [] : holdings.ofYear(year).filter((l) => type === null || l.authority.type === type);
  const tone = toneOf(question);
  const concerns = (year === null ? [] : holdings.withConcerns(year))
    .filter((l) => type === null || l.authority.type === type)
    .flatMap((l) => concernFacts(l, wantedBy(question, tone)));
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
  // "Which councils failed to comply?": the letters' paragraphs say so only now and then; their compliance rates
  // say it every year.
  if (question.category === "compliance_failure" && year !== null) {
    const below = holdings
      .field(year, type, "compliance")
      .entries.filter((e) => e.value < 100)
      .sort(
        (a, b) =>
          a.value - b.value || a.letter.authority.shortName.localeCompare(b.letter.authority.shortName),
      );
    if (below.length > 0) {
      const named = below.map(
        (e) =>
          `${e.letter.authority.shortName} ${e.value}%${e.base !== null ? ` (of ${plural(e.base, "outcome")})` : ""}`,
      );
      result.lines.push(
        `By their figures, ${below.length === 1 ? `one ${year} letter gives` : `${below.length} ${year} letters give`} a compliance rate below 100%: ${listAnd(named)}.`,
      );
    }
  }
  // No year asked and none this year: the letters of earlier years that did raise it are said, so that a quiet
  // latest year (the first of a new round of letters, say) is not read as "never".
  if (range === null && year !== null && councils.length === 0 && letters.length > 0) {
    const earlier = [...holdings.years].reverse().filter((y) => y < year);
    const raised = new Map<string, number[]>();
    for (const y of earlier)
      for (const l of holdings.withConcerns(y))
        if (
          (type === null || l.authority.type === type) &&
          concernFacts(l, wantedBy(question, tone)).length > 0
        )
          raised.set(l.authority.shortName, [...(raised.get(l.authority.shortName) ?? []), y]);
    if (raised.size > 0) {
      const named = [...raised].map(([c, ys]) => `${c} (${[...ys].sort((a, b) => a - b).join(", ")})`);
      result.lines.push(`Earlier letters that did: ${listAnd(named)}.`);
      result.suggestions.push(...[...raised.keys()].slice(0, 2).map((c) => `any concerns for ${c}?`));
    }
  }
  if (year !== null && holdings.ofYear(year).length < 30 && letters.length > 0)
    result.notes.push(partialNote(holdings.ofYear(year).length, year, "covers"));
  suggest(result, question, councils);
  return result;
}

/** A subject that is good news (training, improvement) is listed whatever its tone; otherwise concerns only. */
function toneOf(question: Question): Question["tone"] {
  return (
    question.tone ??
    (question.category === "training" || question.category === "improvement" ? null : "concern")
  );
}

function wantedBy(question: Question, tone: Question["tone"]) {
  return (c: HeldLetter["concerns"][number]) =>
    (question.category === null || c.category === question.category) && (tone === null || c.tone === tone);
}

function suggest(result: Answer, question: Question, councils: string[]): void {
  result.suggestions.push(
    ...councils.slice(0, 2).map((c) => `any concerns for ${c}?`),
    ...(question.category === "witness_summons" ? [] : ["who had witness summonses?"]),
  );
}

/**
 * Every letter of the years held in a range: "Councils with a witness summons, 2022 to 2025", each council with
 * the years its letters raised it, newest letters first.
 */
function concernsAcross(question: Question, holdings: Holdings, years: number[]): Answer {
  const type = question.filters.type;
  const ofType = (l: HeldLetter) => type === null || l.authority.type === type;
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  const newestFirst = [...years].reverse();
  const letters = newestFirst.flatMap((y) => holdings.ofYear(y).filter(ofType));
  const tone = toneOf(question);
  const concerns = newestFirst.flatMap((y) =>
    holdings
      .withConcerns(y)
      .filter(ofType)
      .flatMap((l) => concernFacts(l, wantedBy(question, tone))),
  );
  const yearsOf = new Map<string, number[]>();
  for (const c of concerns) {
    const seen = yearsOf.get(c.authority.shortName) ?? [];
    if (!seen.includes(c.year)) seen.push(c.year);
    yearsOf.set(c.authority.shortName, seen);
  }
  const councils = [...yearsOf.keys()];
  const subject = what(question, tone);
  const scope = type ? typeLabel(type, true) : "councils";
  // Two years asked by name ("2021 and 2024") are said so, not as the range between them.
  const span = years.length === 2 && last - first > 1 ? `${first} and ${last}` : `${first} to ${last}`;
  const result = emptyAnswer(question, "concerns", `${capitalise(scope)} with ${subject}, ${span}`);
  result.concerns = concerns;
  result.applied.years = { from: first, to: last };
  const held = new Set(letters.map((l) => l.authority.name)).size;
  const named = councils.map((c) => `${c} (${[...(yearsOf.get(c) ?? [])].sort((a, b) => a - b).join(", ")})`);
  result.lines.push(
    letters.length === 0
      ? `I hold no letters of ${span}${type ? ` for ${scope}` : ""}.`
      : councils.length === 0
        ? `No letter I hold of ${span}${type ? ` for ${scope}` : ""} raises ${subject} (${plural(letters.length, "letter")}).`
        : `${councils.length} of the ${plural(held, type ? typeLabel(type) : "council", scope)} with a letter of ${span}: ${listAnd(named)}.`,
  );
  if (letters.length > 0 && years.some((y) => holdings.ofYear(y).length < 30))
    result.notes.push(
      note(
        "partial_holdings",
        `I hold ${plural(letters.length, "letter")} of ${span}: this covers those, not every council in England.`,
      ),
    );
  suggest(result, question, councils);
  return result;
}
