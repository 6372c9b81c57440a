import type { HeldLetter, Metric } from "../letters/schema.ts";
import { listAnd, noun } from "../phrasing.ts";
import type { Answer, Change, TrendPoint } from "./answer.ts";
import { authorityOf, councilFacts, emptyAnswer, METRIC_LIST, note, sourceOf } from "./facts.ts";
import type { Holdings } from "./holdings.ts";
import { isBetter, MEASURES, type Measure, readingOf } from "./metrics.ts";
import { inYears, type Question } from "./question.ts";

/**
 * One council over the years: each year's rates and per-100,000 figure, and for each measure the change between
 * the first and last years that give a figure (or the two years asked), in points, better or worse by the
 * measure's own sense. A year whose rate is not calculable (no investigations) is shown as such and skipped.
 */

function pointOf(letter: HeldLetter): TrendPoint {
  const noCases = METRIC_LIST.filter((m) => readingOf(letter, m).noCases);
  return {
    year: letter.year,
    upheld: readingOf(letter, "upheld").value,
    compliance: readingOf(letter, "compliance").value,
    remedy: readingOf(letter, "remedy").value,
    perResidents: readingOf(letter, "perResidents").value,
    noCases,
    source: sourceOf(letter),
  };
}

function changeOf(measure: Measure, points: TrendPoint[]): Change | null {
  const given = points.filter((p) => p[measure] !== null);
  const [from, to] = [given[0], given[given.length - 1]];
  if (!from || !to || from === to) return null;
  const a = from[measure] as number;
  const b = to[measure] as number;
  const change = Math.round((b - a) * 10) / 10;
  const skipped = points.filter((p) => p.year > from.year && p.year < to.year && p[measure] === null);
  return {
    measure,
    from: { year: from.year, value: a },
    to: { year: to.year, value: b },
    change,
    better: change === 0 ? null : isBetter(measure, b, a),
    skipped: skipped.map((p) => p.year),
    steps: given.slice(1).map((p, i) => ({
      year: p.year,
      change: Math.round(((p[measure] as number) - (given[i]?.[measure] as number)) * 10) / 10,
    })),
  };
}

function changeLine(change: Change): string {
  const info = MEASURES[change.measure];
  const unit = info.unit === "%" ? "%" : "";
  const size = Math.abs(change.change);
  const by =
    change.change === 0
      ? "no change"
      : `${change.change > 0 ? "up" : "down"} ${size} ${info.unit === "%" ? noun(size, "point") : ""}`.trim() +
        `, ${change.better ? "better" : "worse"}`;
  // Over three or more years, the change each year too: "year to year: +5 in 2023, +3 in 2024".
  const steps =
    change.steps.length > 1
      ? `; year to year: ${change.steps.map((s) => `${s.change > 0 ? "+" : ""}${s.change} in ${s.year}`).join(", ")}`
      : "";
  return `${info.label}: ${change.from.value}${unit} in ${change.from.year} to ${change.to.value}${unit} in ${change.to.year} (${by}${steps}).`;
}

export function trend(question: Question, latest: HeldLetter, holdings: Holdings): Answer {
  const range = question.filters.years;
  const every = [...holdings.ofCouncil(latest.authority.name)].sort((a, b) => a.year - b.year);
  const inRange = every.filter((l) => !range || inYears(range, l.year));
  const name = latest.authority.shortName;
  const result = emptyAnswer(
    question,
    "trend",
    !range
      ? `${name} over the years`
      : range.to === null && inRange.length === 0
        ? `${name} since ${range.from}`
        : `${name}, ${range.from} to ${range.to ?? inRange[inRange.length - 1]?.year}`,
  );
  const points = inRange.map(pointOf);
  const measures: Measure[] =
    question.filters.measure !== null ? [question.filters.measure] : [...METRIC_LIST, "perResidents"];
  const changes = measures.map((m) => changeOf(m, points)).filter((c): c is Change => c !== null);
  result.trend = { authority: authorityOf(latest), points, changes };
  if (inRange.length < 2) {
    const years = every.map((l) => l.year);
    result.lines.push(
      every.length < 2
        ? `I hold only the ${latest.year} letter for ${name}, so there is no change to show yet.`
        : `I hold ${name}'s letters for ${listAnd(years.map(String))}; ${inRange.length === 0 ? "none" : "only one"} of them in the years asked, so there is no change to show.`,
    );
    const only = inRange[0] ?? latest;
    result.councils = [councilFacts(only, METRIC_LIST, holdings)];
  } else {
    for (const change of changes) result.lines.push(changeLine(change));
    if (changes.length === 0) {
      // Two letters are held, but not two figures: say which years lack one, and why.
      const gaps = points.filter((p) => measures.some((m) => p[m] === null)).map((p) => p.year);
      result.lines.push(
        `${name}'s letters of ${listAnd(gaps.map(String))} give no figure for ${listAnd(measures.map((m) => MEASURES[m].short))} (not calculable or not given), so there are not two years to compare.${range ? " Ask over more years for a change." : ""}`,
      );
    }
    // A year is skipped because its rate is over no cases (said once a year, for the measures asked) or because
    // the letter gives none.
    for (const p of points) {
      const asked = p.noCases.filter((m: Metric) => measures.includes(m));
      if (asked.length === 0) continue;
      result.notes.push(
        note(
          "no_cases",
          `${p.year}: ${listAnd(asked.map((m) => MEASURES[m].short))} not calculable (no cases that year), so the change skips it.`,
        ),
      );
    }
    for (const change of changes) {
      const notGiven = change.skipped.filter(
        (year) => !points.find((p) => p.year === year)?.noCases.includes(change.measure as Metric),
      );
      if (notGiven.length === 0) continue;
      result.notes.push(
        note(
          "skipped_years",
          `${MEASURES[change.measure].label}: ${listAnd(notGiven.map(String))} left out, as the letter gives no figure I could read.`,
        ),
      );
    }
  }
  result.suggestions.push(name, `how does ${name} compare with similar councils?`);
  return result;
}
