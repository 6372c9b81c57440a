import type { HeldLetter, Metric } from "../letters/schema.ts";
import { capitalise, listAnd, plural } from "../phrasing.ts";
import { type Answer, typeLabel } from "./answer.ts";
import {
  baseNotes,
  comparisonLine,
  councilFacts,
  emptyAnswer,
  METRIC_LIST,
  note,
  partialNote,
  perResidentsLine,
  perResidentsNotGiven,
  restate,
  unreadNotes,
} from "./facts.ts";
import type { Holdings } from "./holdings.ts";
import { formatValue, MEASURES } from "./metrics.ts";
import type { Question } from "./question.ts";

/** The rates a comparison shows: the one asked about, or all three (per 100,000 is shown beside them). */
function metricsOf(question: Question): Metric[] {
  const measure = question.filters.measure;
  return measure && measure !== "perResidents" ? [measure] : METRIC_LIST;
}

/** One council against the average for its kind, and its place among the councils of its kind held. */
export function similar(question: Question, letter: HeldLetter, holdings: Holdings): Answer {
  const facts = councilFacts(letter, metricsOf(question), holdings, false);
  const type = letter.authority.type;
  const name = letter.authority.shortName;
  const result = emptyAnswer(question, "similar", `${name} against similar authorities, ${letter.year}`);
  result.councils = [facts];
  if (facts.noStatistics) {
    result.lines.push(`The ${letter.year} letter to ${name} gives no complaint statistics to compare.`);
  } else {
    result.lines.push(
      `Each rate against the average the Ombudsman gives for ${typeLabel(type, true)}${type ? "" : " (type unknown)"}:`,
    );
    for (const fact of facts.rates) restate(result, comparisonLine(fact, type, letter.year));
    const per = facts.perResidents && perResidentsLine(facts.perResidents, type);
    if (per) restate(result, per);
    else if (question.filters.measure === "perResidents" && letter.year < MEASURES.perResidents.since)
      result.notes.push(perResidentsNotGiven(letter));
  }
  result.notes.push(...baseNotes([facts]), ...unreadNotes(letter));
  const peers = holdings.peersOf(letter).length;
  if (peers < 5 && !facts.noStatistics) {
    result.notes.push(
      note(
        "partial_holdings",
        `The rank is among the ${plural(peers, typeLabel(type), typeLabel(type, true))} I hold letters for in ${letter.year}, not all of England's.`,
      ),
    );
  }
  result.suggestions.push(
    ...(type ? [`which ${typeLabel(type, true)} are above average on upheld?`] : []),
    ...(letter.concerns.length > 0 ? [`any concerns for ${name}?`] : [name]),
  );
  return result;
}

/** Several councils side by side, each against its own kind's average. */
export function sideBySide(question: Question, letters: HeldLetter[], holdings: Holdings): Answer {
  const metrics = metricsOf(question);
  const facts = letters.map((l) => councilFacts(l, metrics, holdings));
  const names = letters.map((l) => l.authority.shortName);
  const result = emptyAnswer(question, "side_by_side", `${listAnd(names)} side by side`);
  result.councils = facts;
  result.concerns = facts.flatMap((f) => f.concerns);
  for (const metric of metrics) {
    const rated = facts
      .map((f) => ({ name: f.authority.shortName, fact: f.rates.find((r) => r.metric === metric) }))
      .filter((x) => x.fact !== undefined && (x.fact.rate !== null || x.fact.noCases));
    if (rated.length === 0) continue;
    const cells = rated.map(({ name, fact }) =>
      fact?.noCases
        ? `${name} not calculable (no ${fact.baseLabel})`
        : `${name} ${fact?.rate}%${fact?.average != null ? ` (avg ${fact.average}%)` : ""}`,
    );
    result.lines.push(`${MEASURES[metric].label}: ${cells.join(", ")}.`);
  }
  const per = facts.filter((f) => f.perResidents?.value != null);
  if (per.length > 0) {
    result.lines.push(
      `${MEASURES.perResidents.label}: ${per.map((f) => `${f.authority.shortName} ${formatValue("perResidents", f.perResidents?.value ?? null)}${f.perResidents?.average != null ? ` (avg ${formatValue("perResidents", f.perResidents.average)})` : ""}`).join(", ")}.`,
    );
  }
  for (const f of facts.filter((x) => x.noStatistics)) {
    result.lines.push(`${f.authority.shortName}'s ${f.source.year} letter gives no complaint statistics.`);
  }
  const years = new Set(letters.map((l) => l.year));
  if (years.size > 1)
    result.notes.push(
      note("different_years", `The letters are from different years (${[...years].sort().join(", ")}).`),
    );
  const types = new Set(letters.map((l) => l.authority.type));
  if (types.size > 1)
    result.notes.push(
      note(
        "different_types",
        "These are different kinds of council, each compared with its own kind's average.",
      ),
    );
  result.notes.push(...baseNotes(facts), ...letters.flatMap(unreadNotes));
  result.suggestions.push(...names.slice(0, 2).map((n) => `how does ${n} compare with similar councils?`));
  return result;
}

/** Every council of a kind held for a year, side by side ("all London boroughs side by side"). */
export function kindSideBySide(question: Question, holdings: Holdings): Answer {
  const type = question.filters.type;
  const year = question.filters.years?.to ?? holdings.latestYear;
  const letters =
    year === null || type === null
      ? []
      : [...holdings.ofYear(year)]
          .filter((l) => l.authority.type === type)
          .sort((a, b) => a.authority.shortName.localeCompare(b.authority.shortName));
  if (letters.length === 0) {
    return emptyAnswer(question, "side_by_side", `${typeLabel(type, true)} side by side`, [
      year === null ? "I hold no letters yet." : `I hold no ${year} letters for ${typeLabel(type, true)}.`,
    ]);
  }
  const result = sideBySide(question, letters, holdings);
  result.title = capitalise(`${typeLabel(type, true)} side by side, ${year}`);
  result.applied.years = year === null ? null : { from: year, to: year };
  if (year !== null && holdings.ofYear(year).length < 30)
    result.notes.push(partialNote(holdings.ofYear(year).length, year, "shows"));
  return result;
}
