import { format, parseISO } from "date-fns";
import type { HeldLetter } from "../letters/schema.ts";
import { noun, plural } from "../phrasing.ts";
import { type Answer, type RateFact, typeLabel } from "./answer.ts";
import {
  baseNotes,
  comparisonLine,
  councilFacts,
  emptyAnswer,
  METRIC_LIST,
  perResidentsLine,
  perResidentsNotGiven,
  restate,
  unreadNotes,
} from "./facts.ts";
import type { Holdings } from "./holdings.ts";
import { MEASURES, type Measure } from "./metrics.ts";
import type { Question } from "./question.ts";

/**
 * The 2025 letters' complaint overview, as they give it: "Complaints dealt with in the year to 31 March 2025: 291,
 * of which 87 not for us or not ready for us to investigate, 128 assessed and closed, 76 investigated." The counts
 * the letter does not give (or gives unreadably) are left out, never shown as 0.
 */
function overviewLine(letter: HeldLetter): string | null {
  const count = (n: number) => n.toLocaleString("en-GB");
  const overview = letter.stats.overview;
  if (!overview) return null;
  const parts: string[] = [];
  if (overview.notForUs !== null)
    parts.push(`${count(overview.notForUs)} not for us or not ready for us to investigate`);
  if (overview.assessedAndClosed !== null)
    parts.push(`${count(overview.assessedAndClosed)} assessed and closed`);
  if (overview.investigated !== null) parts.push(`${count(overview.investigated)} investigated`);
  const when = `in the year to ${letter.period ? format(parseISO(letter.period.end), "d MMMM yyyy") : `March ${letter.year}`}`;
  if (overview.dealtWith !== null)
    return `Complaints dealt with ${when}: ${count(overview.dealtWith)}${parts.length ? `, of which ${parts.join(", ")}` : ""}.`;
  return parts.length ? `Complaints ${when}: ${parts.join(", ")}.` : null;
}

/** One council's letter: its rates against their averages and its peers, the per-100,000 figure, its concerns. */
export function summary(question: Question, letter: HeldLetter, holdings: Holdings): Answer {
  const facts = councilFacts(letter, METRIC_LIST, holdings);
  const name = letter.authority.shortName;
  const result = emptyAnswer(
    question,
    "summary",
    `${letter.authority.name}: ${letter.year} annual review letter`,
  );
  result.councils = [facts];
  result.concerns = facts.concerns;
  if (facts.noStatistics) {
    result.lines.push(`The ${letter.year} letter to ${name} gives no complaint statistics.`);
  } else {
    const overview = overviewLine(letter);
    if (overview) result.lines.push(overview);
    for (const fact of facts.rates) restate(result, comparisonLine(fact, letter.authority.type, letter.year));
    const per = facts.perResidents && perResidentsLine(facts.perResidents, letter.authority.type);
    if (per) restate(result, per);
  }
  const worries = facts.concerns.filter((c) => c.tone === "concern").length;
  const praise = facts.concerns.filter((c) => c.tone === "praise").length;
  result.lines.push(
    worries + praise === 0
      ? "The letter raises no concerns and gives no particular praise."
      : `The letter raises ${worries} ${noun(worries, "concern")}${praise ? ` and gives praise on ${praise} ${noun(praise, "point")}` : ""}.`,
  );
  result.notes.push(...baseNotes([facts]), ...unreadNotes(letter));
  result.suggestions.push(
    `how does ${name} compare with similar councils?`,
    ...(facts.concerns.length > 0 ? [`any concerns for ${name}?`] : []),
    ...(holdings.ofCouncil(letter.authority.name).length > 1
      ? [`how has ${name} changed over the years?`]
      : []),
  );
  return result;
}

/**
 * The count behind a rate, as the letter gives it: "13 upheld decisions, from 16 investigations". Null where the
 * letter gives none (the compliance section counts outcomes, not the cases complied with).
 */
function countLine(letter: HeldLetter, measure: Measure, fact: RateFact): string | null {
  const name = letter.authority.shortName;
  const from =
    fact.base !== null ? `, from ${plural(fact.base, fact.baseLabel.replace(/s$/, ""), fact.baseLabel)}` : "";
  if (measure === "upheld" && letter.stats.upheld?.count != null)
    return `${name}'s ${letter.year} letter gives ${plural(letter.stats.upheld.count, "upheld decision")}${from}.`;
  if (measure === "remedy" && letter.stats.remedy?.count != null)
    return `${name}'s ${letter.year} letter gives ${plural(letter.stats.remedy.count, "satisfactory remedy decision")}${from}.`;
  if (measure === "compliance" && letter.stats.compliance?.outcomes != null)
    return `${name}'s ${letter.year} letter gives ${plural(letter.stats.compliance.outcomes, "compliance outcome")}; it gives the share complied with as a rate, not as a count.`;
  return null;
}

/** One measure of one council's letter. */
export function oneMetric(
  question: Question,
  letter: HeldLetter,
  measure: Measure,
  holdings: Holdings,
): Answer {
  const name = letter.authority.shortName;
  const info = MEASURES[measure];
  const result = emptyAnswer(question, "metric", `${name}: ${info.label.toLowerCase()}, ${letter.year}`);
  const facts = councilFacts(letter, measure === "perResidents" ? [] : [measure], holdings, false);
  result.councils = [facts];
  if (facts.noStatistics) {
    result.lines.push(`The ${letter.year} letter to ${name} gives no complaint statistics.`);
  } else if (measure === "perResidents") {
    const line = facts.perResidents && perResidentsLine(facts.perResidents, letter.authority.type);
    if (line) restate(result, line);
    else if (letter.year < info.since) {
      const given = perResidentsNotGiven(letter);
      result.lines.push(given.text);
    } else
      result.lines.push(
        `The ${letter.year} letter to ${name} gives no figure per 100,000 residents I could read.`,
      );
    result.notes.push(...unreadNotes(letter));
  } else {
    const fact = facts.rates[0] as RateFact;
    // "How many complaints did Sefton have upheld?" asks for the letter's count, before the rate it makes.
    const counted = question.filters.count ? countLine(letter, measure, fact) : null;
    if (counted) result.lines.push(counted);
    restate(result, comparisonLine(fact, letter.authority.type, letter.year));
    result.notes.push(...baseNotes([facts]), ...unreadNotes(letter));
  }
  result.suggestions.push(
    `what does ${measure === "perResidents" ? "upheld decisions per 100,000 residents" : measure} mean?`,
    `which ${typeLabel(letter.authority.type, true)} have the highest ${info.short}?`,
    name,
  );
  return result;
}
