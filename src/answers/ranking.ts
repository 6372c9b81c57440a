import type { AuthorityType } from "../authorities/schema.ts";
import { capitalise, listAnd, noun, plural } from "../phrasing.ts";
import { type Answer, type RankingRow, typeLabel } from "./answer.ts";
import { authorityOf, emptyAnswer, note, partialNote, SMALL_BASE, sourceOf } from "./facts.ts";
import type { Entry, Holdings } from "./holdings.ts";
import { MEASURES, type Measure } from "./metrics.ts";
import type { Comparison, Question } from "./question.ts";

/**
 * Councils in general: ranked ("highest upheld rate"), listed by a threshold ("districts over 70% in 2024",
 * "below average"), or counted ("how many met boroughs are below 100% on compliance?"), by any combination of
 * measure, kind of council, year, threshold, direction and number. A figure over no cases is not calculable: it is
 * never ranked, and the answer names the councils left out. Councils with the same figure share a place.
 */

const RANKING_ROWS = 10;
/** How far past its limit a list runs to finish a shared place. */
const MAX_TIED_BEYOND = 40;

type Order = "highest" | "lowest";

/** Which end comes first: the direction asked ("worst" by the measure's own sense), else the threshold's side. */
export function orderOf(measure: Measure, question: Question): Order {
  const { direction, comparison } = question.filters;
  const better = MEASURES[measure].better;
  if (direction === "best") return better === "higher" ? "highest" : "lowest";
  if (direction === "worst") return better === "higher" ? "lowest" : "highest";
  if (direction === "highest" || direction === "lowest") return direction;
  if (comparison && (comparison.op === "below" || comparison.op === "at_most")) return "lowest";
  return "highest";
}

function passes(comparison: Comparison, entry: Entry): boolean {
  const figure =
    comparison.of === "rate" ? entry.value : entry.average === null ? null : entry.value - entry.average;
  if (figure === null) return false;
  const rounded = Math.round(figure * 10) / 10;
  switch (comparison.op) {
    case "above":
      return rounded > comparison.value;
    case "at_least":
      return rounded >= comparison.value;
    case "below":
      return rounded < comparison.value;
    case "at_most":
      return rounded <= comparison.value;
    case "equal":
      return rounded === comparison.value;
    case "between":
      return rounded >= comparison.value && rounded <= (comparison.high ?? comparison.value);
  }
}

/** "over 70%", "below 100%", "above their similar-authority average", "at least 10 points above their average". */
export function conditionText(comparison: Comparison, measure: Measure): string {
  const unit = MEASURES[measure].unit;
  if (comparison.of === "rate") {
    const figure = (n: number | undefined) => (measure === "perResidents" ? `${n}` : `${n}${unit}`);
    const per = measure === "perResidents" ? " per 100,000 residents" : "";
    if (comparison.op === "between")
      return `between ${figure(comparison.value)} and ${figure(comparison.high)}${per}`;
    const word = { above: "over", at_least: "at least", below: "below", at_most: "at most", equal: "at" }[
      comparison.op
    ];
    return `${word} ${figure(comparison.value)}${per}`;
  }
  const size = Math.abs(comparison.value);
  const side = comparison.value < 0 ? "below" : "above";
  if (size === 0) {
    const side = { above: "above", at_least: "at or above", below: "below", at_most: "at or below" } as const;
    if (comparison.op === "equal" || comparison.op === "between")
      return "level with their similar-authority average";
    return `${side[comparison.op]} their similar-authority average`;
  }
  const amount = `${size} ${noun(size, "point")} ${side} their similar-authority average`;
  switch (comparison.op) {
    case "above":
      return comparison.value > 0 ? `more than ${amount}` : `less than ${amount}`;
    case "below":
      return comparison.value < 0 ? `more than ${amount}` : `less than ${amount}`;
    case "at_least":
      return comparison.value > 0 ? `at least ${amount}` : `at most ${amount}`;
    case "at_most":
      return comparison.value < 0 ? `at least ${amount}` : `at most ${amount}`;
    case "equal":
    case "between":
      return `exactly ${amount}`;
  }
}

/** Places shared by equal figures: 1, 2, =3, =3, 5 (each row's place is one more than the rows before it). */
function placed(entries: readonly Entry[]): { entry: Entry; place: number; tied: boolean }[] {
  const out: { entry: Entry; place: number; tied: boolean }[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as Entry;
    const previous = out[i - 1];
    const place = previous && previous.entry.value === entry.value ? previous.place : i + 1;
    const tied =
      previous?.entry.value === entry.value ||
      (entries[i + 1] !== undefined && entries[i + 1]?.value === entry.value);
    out.push({ entry, place, tied });
  }
  return out;
}

export function ranking(question: Question, holdings: Holdings): Answer {
  const { filters } = question;
  const measure = filters.measure ?? "upheld";
  const info = MEASURES[measure];
  const type: AuthorityType | null = filters.type;
  const scope = type ? typeLabel(type, true) : "councils";
  const result = emptyAnswer(question, "ranking", "");
  // A range or "since 2022" ranks its last year: the latest held when the range is open.
  const year = filters.years ? (filters.years.to ?? holdings.latestYear) : holdings.latestYear;
  const order = orderOf(measure, question);
  result.applied = { ...filters, measure, years: year === null ? null : { from: year, to: year }, order };
  if (year === null) {
    result.title = "Nothing to rank yet";
    result.lines.push("I hold no letters yet.");
    return result;
  }
  if (filters.years && (filters.years.to === null || filters.years.from !== filters.years.to)) {
    result.notes.push(
      note(
        "filter_dropped",
        `This ranks the ${year} letters; for how a council changed between ${filters.years.from} and ${year}, ask about that council (“how has Sefton changed since ${filters.years.from}?”).`,
      ),
    );
  }
  if (year < info.since) {
    result.title = `${info.label}: not given in ${year}`;
    result.lines.push(
      `The letters give ${info.short} from ${info.since}; the ${year} letters do not, so there is nothing to rank. Ask for ${info.since} or later.`,
    );
    result.notes.push(note("not_given_before", `${info.label} are in the letters from ${info.since}.`));
    return result;
  }

  const field = holdings.field(year, type, measure);
  const sorted = order === "highest" ? field.entries : [...field.entries].sort(byValueThenName);
  const qualifying = filters.comparison
    ? sorted.filter((e) => passes(filters.comparison as Comparison, e))
    : sorted;
  const limit = filters.limit ?? (filters.every ? qualifying.length : RANKING_ROWS);
  const all = placed(qualifying);
  // A cut never splits councils that share a place: "top 1" on a rate seven councils share shows the seven.
  let cut = Math.min(limit, all.length);
  while (cut < all.length && cut < limit + MAX_TIED_BEYOND && all[cut]?.place === all[cut - 1]?.place) cut++;
  const shown = all.slice(0, cut);

  const rows: RankingRow[] = shown.map(({ entry, place, tied }) => ({
    place,
    tied,
    authority: authorityOf(entry.letter),
    rate: entry.value,
    average: entry.average,
    difference: entry.average === null ? null : Math.round((entry.value - entry.average) * 10) / 10,
    base: entry.base,
    source: sourceOf(entry.letter),
  }));
  result.ranking = {
    measure,
    label: info.label,
    unit: info.unit,
    year,
    type,
    order,
    comparison: filters.comparison,
    total: qualifying.length,
    field: field.entries.length,
    notCalculable: field.notCalculable.map(authorityOf),
    rows,
  };

  const condition = filters.comparison ? conditionText(filters.comparison, measure) : null;
  const withFigure = `with ${info.having.replace("{year}", String(year))}`;
  const fieldSize = field.entries.length;
  const named = info.having.replace("{year} ", "").replace(/^a (?=[aeiou])/, "an ");
  result.title = condition
    ? `${capitalise(scope)} ${titleCondition(filters.comparison as Comparison, measure)}, ${year}`
    : `${capitalise(order)} ${info.short} among ${scope}, ${year}`;
  const sense =
    filters.direction === "best" || filters.direction === "worst"
      ? ` (${info.better} is better, so the ${filters.direction} come first)`
      : "";
  const one = type ? typeLabel(type) : "council";
  const councilsOf = (n: number) => plural(n, one, scope);
  const held = holdings.ofYear(year).filter((l) => type === null || l.authority.type === type).length;
  if (fieldSize === 0) {
    result.lines.push(
      held === 0
        ? `I hold no ${year} letters for ${scope}.`
        : `None of the ${councilsOf(held)} I hold a ${year} letter for gives ${named} I can rank.`,
    );
  } else if (condition) {
    const verb = qualifying.length === 1 ? "is" : "are";
    const order_ = filters.count || qualifying.length <= 1 ? "" : `, ${order} first`;
    result.lines.push(
      fieldSize === 1
        ? `The only ${one} ${withFigure} ${qualifying.length === 1 ? "is" : "is not"} ${condition}.`
        : qualifying.length === 0
          ? `None of the ${councilsOf(fieldSize)} ${withFigure} is ${condition}.`
          : qualifying.length === fieldSize
            ? `All ${councilsOf(fieldSize)} ${withFigure} ${verb} ${condition}${order_}.`
            : `${qualifying.length} of the ${councilsOf(fieldSize)} ${withFigure} ${verb} ${condition}${order_}.`,
    );
  } else if (filters.count) {
    result.lines.push(
      held === fieldSize
        ? `I hold ${year} letters for ${councilsOf(held)}, each giving ${named}.`
        : `I hold ${year} letters for ${councilsOf(held)}; ${fieldSize} of them give ${named} (for the others it is not calculable or not given).`,
    );
  } else {
    result.lines.push(
      fieldSize === 1
        ? `The only ${one} ${withFigure}.`
        : `${shown.length === fieldSize ? `All ${fieldSize}` : `${shown.length} of ${fieldSize}`} ${scope} ${withFigure}, ${order} first${sense}.`,
    );
  }
  if (field.notCalculable.length > 0) {
    const names = field.notCalculable.map((l) => l.authority.shortName);
    result.notes.push(
      note(
        "not_calculable_left_out",
        `Left out: ${listAnd(names.slice(0, 10))}${names.length > 10 ? ` and ${names.length - 10} more` : ""}, whose ${year} ${info.short} is not calculable (no ${info.baseLabel ?? "cases"} that year).`,
      ),
    );
  }
  const small = rows.filter((r) => r.base !== null && r.base < SMALL_BASE);
  if (small.length > 0) {
    const cases = info.baseLabel ?? "cases";
    const listed = small.slice(0, 8).map((r) => `${r.authority.shortName} (${r.base})`);
    const which =
      small.length === rows.length && rows.length > 1
        ? `All of these rates rest on fewer than ${SMALL_BASE} ${cases}`
        : `Fewer than ${SMALL_BASE} ${cases}: ${listAnd(listed)}${small.length > 8 ? ` and ${small.length - 8} more` : ""}`;
    result.notes.push(note("small_base", `${which}; one case moves such a rate by 10 points or more.`));
  }
  const heldInYear = holdings.ofYear(year).length;
  if (heldInYear < 30 && fieldSize > 0) result.notes.push(partialNote(heldInYear, year, "ranks"));
  const top = rows[0]?.authority.shortName;
  // A year with nothing to rank points to the latest year that has.
  const latest = holdings.latestYear;
  if (fieldSize === 0 && latest !== null && latest !== year)
    result.suggestions.push(`highest ${info.short} in ${latest}`);
  result.suggestions.push(
    ...(top ? [`how does ${top} compare with similar councils?`] : []),
    `what does ${measure === "perResidents" ? "upheld decisions per 100,000 residents" : measure} mean?`,
  );
  return result;
}

/**
 * The condition as a title says it, from the comparison itself: "with an upheld rate over 70%", "above their
 * similar-authority average on upheld decisions per 100,000 residents", "with over 5 upheld decisions per 100,000
 * residents".
 */
function titleCondition(comparison: Comparison, measure: Measure): string {
  const info = MEASURES[measure];
  const condition = conditionText(comparison, measure);
  const named = info.having.replace("{year} ", "").replace(/^a (?=[aeiou])/, "an ");
  if (comparison.of === "average")
    return `with ${measure === "perResidents" ? info.short : named} ${condition}`;
  if (measure === "perResidents") {
    const bounds =
      comparison.op === "between"
        ? `between ${comparison.value} and ${comparison.high}`
        : `${{ above: "over", at_least: "at least", below: "under", at_most: "at most", equal: "exactly", between: "" }[comparison.op]} ${comparison.value}`;
    return `with ${bounds} upheld decisions per 100,000 residents`;
  }
  return `with ${named} ${condition.replace(/^(?:at least|at most|between)\b/, "of $&").replace(/^at (?=\d)/, "of ")}`;
}

const byValueThenName = (a: Entry, b: Entry) =>
  a.value - b.value || a.letter.authority.shortName.localeCompare(b.letter.authority.shortName);
