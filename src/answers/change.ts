import type { HeldLetter } from "../letters/schema.ts";
import { capitalise, listAnd, noun, plural } from "../phrasing.ts";
import { type Answer, typeLabel } from "./answer.ts";
import { emptyAnswer, note, SMALL_BASE } from "./facts.ts";
import type { Holdings } from "./holdings.ts";
import { formatValue, isBetter, MEASURES, type Measure, readingOf } from "./metrics.ts";
import type { Question } from "./question.ts";

/**
 * "Which councils improved most?": councils ranked by how a measure changed between two letters of theirs, the
 * years asked ("since 2022", "between 2021 and 2024") or, by default, the latest year held and the one before it.
 * Better and worse follow the measure's own sense (a lower upheld rate is better). Only councils with a figure in
 * both years are ranked; a rate over no cases is no figure.
 */

/** How the councils are ordered: by improvement, by worsening, or by the figure's rise or fall. */
type Order = NonNullable<Question["filters"]["change"]>;

interface Row {
  letter: HeldLetter;
  from: number;
  to: number;
  change: number;
  /** The base of either year's rate, when it is small enough for one case to move the rate a lot. */
  smallBase: boolean;
}

/** The two years compared: those asked, or the latest held and the one before it. Null with fewer than two. */
function yearsOf(question: Question, holdings: Holdings): { from: number; to: number } | null {
  const held = holdings.years;
  const range = question.filters.years;
  const to = range?.to ?? held[held.length - 1];
  if (to === undefined) return null;
  const before = [...held].reverse().find((y) => y < to);
  // A range from a year not held starts at the first year held in it ("since 2020", the first letters 2021); one
  // that starts at the latest year held ("since last year" before this year's letters) compares the latest two.
  const from =
    range && range.from !== range.to && range.from < to
      ? (held.find((y) => y >= range.from && y < to) ?? before)
      : before;
  if (from === undefined || from >= to) return null;
  return { from, to };
}

export function rankByChange(question: Question, holdings: Holdings): Answer | null {
  const years = yearsOf(question, holdings);
  if (!years) return null;
  const measure: Measure = question.filters.measure ?? "upheld";
  const info = MEASURES[measure];
  const order: Order = question.filters.change ?? "improved";
  const type = question.filters.type;
  const scope = type ? typeLabel(type, true) : "councils";
  const byCouncil = new Map<string, HeldLetter>();
  for (const letter of holdings.ofYear(years.from)) byCouncil.set(letter.authority.name, letter);
  const rows: Row[] = [];
  for (const latest of holdings.ofYear(years.to)) {
    if (type !== null && latest.authority.type !== type) continue;
    const earlier = byCouncil.get(latest.authority.name);
    if (!earlier) continue;
    const a = readingOf(earlier, measure);
    const b = readingOf(latest, measure);
    if (a.value === null || b.value === null) continue;
    const small = (base: number | null) => base !== null && base < SMALL_BASE;
    rows.push({
      letter: latest,
      from: a.value,
      to: b.value,
      change: Math.round((b.value - a.value) * 10) / 10,
      smallBase: measure !== "perResidents" && (small(a.base) || small(b.base)),
    });
  }
  // Improvement is a fall for a measure where lower is better; a rise or a fall is the figure's own.
  const gain = (r: Row) => (info.better === "lower" ? -r.change : r.change);
  const key: Record<Order, (r: Row) => number> = {
    improved: gain,
    worsened: (r) => -gain(r),
    rose: (r) => r.change,
    fell: (r) => -r.change,
  };
  const qualifies: Record<Order, (r: Row) => boolean> = {
    improved: (r) => gain(r) > 0,
    worsened: (r) => gain(r) < 0,
    rose: (r) => r.change > 0,
    fell: (r) => r.change < 0,
  };
  // "Improved the least" ranks every council from the bottom: the least improvement first, those that got worse
  // included, since they improved less than any that improved at all.
  const least = question.filters.direction === "lowest";
  const sorted = rows
    .filter(least ? () => true : qualifies[order])
    .sort(
      (x, y) =>
        (least ? key[order](x) - key[order](y) : key[order](y) - key[order](x)) ||
        x.letter.authority.shortName.localeCompare(y.letter.authority.shortName),
    );
  // Councils whose figure changed by as much share a place ("=2."), as in every ranking.
  const place = (r: Row) => {
    const k = key[order](r);
    const ahead = sorted.filter((o) => (least ? key[order](o) < k : key[order](o) > k)).length;
    const tied = sorted.filter((o) => key[order](o) === k).length > 1;
    return `${tied ? "=" : ""}${ahead + 1}.`;
  };
  const limit = question.filters.limit ?? 10;
  const what: Record<Order, string> = {
    improved: "improved most",
    worsened: "worsened most",
    rose: "rose most",
    fell: "fell most",
  };
  const span = `${years.from} to ${years.to}`;
  const result = emptyAnswer(
    question,
    "trend",
    `${capitalise(scope)} whose ${info.short} ${least ? what[order].replace("most", "least") : what[order]}, ${span}`,
  );
  result.applied.years = years;
  result.applied.measure = measure;
  result.applied.type = type;
  const sense = `${info.better} is better`;
  if (rows.length === 0) {
    result.lines.push(
      `No ${noun(1, type ? typeLabel(type) : "council", scope)} I hold has ${figureOf(measure)} in both its ${years.from} and ${years.to} letters, so there is no change to rank.`,
    );
  } else if (least) {
    result.lines.push(
      `${rows.length === 1 ? `The one ${type ? typeLabel(type) : "council"}` : `All ${plural(rows.length, type ? typeLabel(type) : "council", scope)}`} with ${figureOf(measure)} in both years, ${LEAST_FIRST[order]} first (${sense}):`,
    );
    sorted.slice(0, limit).forEach((r) => {
      result.lines.push(`${place(r)} ${r.letter.authority.shortName}: ${changeWords(measure, r, years)}`);
    });
    if (sorted.length > limit) result.lines.push(`… and ${sorted.length - limit} more`);
  } else if (sorted.length === 0) {
    result.lines.push(
      `Of the ${plural(rows.length, type ? typeLabel(type) : "council", scope)} with ${figureOf(measure)} in both years, none ${VERB[order]} (${sense}).`,
    );
  } else {
    result.lines.push(
      rows.length === 1
        ? `The one ${type ? typeLabel(type) : "council"} with ${figureOf(measure)} in both years ${VERB[order]} (${sense}):`
        : `${sorted.length} of the ${plural(rows.length, type ? typeLabel(type) : "council", scope)} with ${figureOf(measure)} in both years ${VERB[order]} (${sense}):`,
    );
    sorted.slice(0, limit).forEach((r) => {
      result.lines.push(`${place(r)} ${r.letter.authority.shortName}: ${changeWords(measure, r, years)}`);
    });
    if (sorted.length > limit) result.lines.push(`… and ${sorted.length - limit} more`);
  }
  // From the top or from the bottom, a change over a handful of cases is said to be one.
  const small = sorted.slice(0, limit).filter((r) => r.smallBase);
  if (small.length > 0)
    result.notes.push(
      note(
        "small_base",
        `Fewer than ${SMALL_BASE} ${info.baseLabel ?? "cases"} in one of the years: ${listAnd(small.map((r) => r.letter.authority.shortName))}; one case moves such a rate by 10 points or more.`,
      ),
    );
  if (!question.filters.measure)
    result.notes.push(
      note(
        "measure_assumed",
        `By the upheld rate; ask “which councils ${least ? `${VERB[order]} least` : order === "improved" ? "improved most" : VERB[order]} on compliance?” or “… on remedy?” for the others.`,
      ),
    );
  const first = sorted[0]?.letter.authority.shortName;
  if (first) result.suggestions.push(`how has ${first} changed since ${years.from}?`);
  return result;
}

/** How a ranking from the bottom is ordered: "least improved first". */
const LEAST_FIRST: Record<Order, string> = {
  improved: "least improved",
  worsened: "least worsened",
  rose: "smallest rise",
  fell: "smallest fall",
};

const VERB: Record<Order, string> = {
  improved: "improved",
  worsened: "got worse",
  rose: "rose",
  fell: "fell",
};

/** "an upheld rate", "a compliance rate", "a figure per 100,000 residents". */
function figureOf(measure: Measure): string {
  if (measure === "perResidents") return "a figure per 100,000 residents";
  const short = MEASURES[measure].short;
  return `${/^[aeiou]/.test(short) ? "an" : "a"} ${short}`;
}

function changeWords(measure: Measure, r: Row, years: { from: number; to: number }): string {
  const info = MEASURES[measure];
  const size = Math.abs(r.change);
  const by =
    r.change === 0
      ? "no change"
      : `${r.change > 0 ? "up" : "down"} ${size}${info.unit === "%" ? ` ${noun(size, "point")}` : ""}, ${isBetter(measure, r.to, r.from) ? "better" : "worse"}`;
  return `${formatValue(measure, r.from)} in ${years.from} to ${formatValue(measure, r.to)} in ${years.to} (${by})`;
}
