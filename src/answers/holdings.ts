import { nameKey } from "../authorities/name.ts";
import type { AuthorityType } from "../authorities/schema.ts";
import type { HeldLetter } from "../letters/schema.ts";
import type { Ingested } from "../store/schema.ts";
import { type Measure, readingOf } from "./metrics.ts";

/** A letter's figure on one measure, as a ranking holds it. */
export interface Entry {
  letter: HeldLetter;
  value: number;
  average: number | null;
  base: number | null;
}

/** The letters of a year (and type) on one measure: those with a calculable figure, highest first, and those over no cases. */
export interface Field {
  entries: readonly Entry[];
  notCalculable: readonly HeldLetter[];
}

/**
 * What the bot holds, indexed once when the store is loaded so that every answer is a few map look-ups, however many
 * letters there are.
 */
export interface Holdings {
  readonly letters: readonly HeldLetter[];
  /** Years held, oldest first. */
  readonly years: readonly number[];
  readonly latestYear: number | null;
  /** Each council's latest letter, by short name: one entry a council held. */
  readonly councils: readonly HeldLetter[];
  /** A council's letters, newest first; keyed by the authority's full name. */
  ofCouncil(authorityName: string): readonly HeldLetter[];
  /** The letters of one year. */
  ofYear(year: number): readonly HeldLetter[];
  /** Letters of the same year and authority type (the council itself included). */
  peersOf(letter: HeldLetter): readonly HeldLetter[];
  /**
   * A year's letters (of one type, or all: `type` null) on one measure, sorted once per store load and kept: every
   * ranking and every rank in a summary reads this rather than sorting per question.
   */
  field(year: number, type: AuthorityType | null, measure: Measure): Field;
  /** A year's letters that raise or praise anything, in council order: kept per store load, as `field` is. */
  withConcerns(year: number): readonly HeldLetter[];
  /**
   * The letters held by when they last arrived (the ingest log's latest entry for each), newest first: what "what's
   * new?" lists. Empty where the store keeps no log (a store written before it had one).
   */
  arrivals(): readonly Arrival[];
}

/** A letter as it last arrived: added, or updated with a newer reading of its file. */
export interface Arrival {
  letter: HeldLetter;
  at: string;
  change: Ingested["change"];
}

export function createHoldings(letters: readonly HeldLetter[], ingested: readonly Ingested[] = []): Holdings {
  const byCouncil = new Map<string, HeldLetter[]>();
  const byYear = new Map<number, HeldLetter[]>();
  const byYearType = new Map<string, HeldLetter[]>();
  const push = <K>(map: Map<K, HeldLetter[]>, key: K, letter: HeldLetter) => {
    const list = map.get(key);
    if (list) list.push(letter);
    else map.set(key, [letter]);
  };
  for (const letter of letters) {
    push(byCouncil, nameKey(letter.authority.name), letter);
    push(byYear, letter.year, letter);
    if (letter.authority.type) push(byYearType, `${letter.year}:${letter.authority.type}`, letter);
  }
  for (const list of byCouncil.values()) list.sort((a, b) => b.year - a.year);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const councils = [...byCouncil.values()]
    .map((list) => list[0] as HeldLetter)
    .sort((a, b) => a.authority.shortName.localeCompare(b.authority.shortName));
  const fields = new Map<string, Field>();
  const field = (year: number, type: AuthorityType | null, measure: Measure): Field => {
    const key = `${year}:${type ?? "*"}:${measure}`;
    let found = fields.get(key);
    if (!found) {
      const entries: Entry[] = [];
      const notCalculable: HeldLetter[] = [];
      const pool = type ? (byYearType.get(`${year}:${type}`) ?? []) : (byYear.get(year) ?? []);
      for (const letter of pool) {
        const reading = readingOf(letter, measure);
        if (reading.value !== null)
          entries.push({ letter, value: reading.value, average: reading.average, base: reading.base });
        else if (reading.noCases) notCalculable.push(letter);
      }
      entries.sort(
        (a, b) =>
          b.value - a.value || a.letter.authority.shortName.localeCompare(b.letter.authority.shortName),
      );
      found = { entries, notCalculable };
      fields.set(key, found);
    }
    return found;
  };
  const concerned = new Map<number, HeldLetter[]>();
  const withConcerns = (year: number): HeldLetter[] => {
    let found = concerned.get(year);
    if (!found) {
      found = (byYear.get(year) ?? [])
        .filter((l) => l.concerns.length > 0)
        .sort((a, b) => a.authority.shortName.localeCompare(b.authority.shortName));
      concerned.set(year, found);
    }
    return found;
  };
  // Made when first asked for: most store loads never answer "what's new?", and the log grows with every ingest.
  let arrived: Arrival[] | null = null;
  const arrivals = (): Arrival[] => {
    if (arrived === null) {
      const byId = new Map<string, HeldLetter>();
      for (const letter of letters) byId.set(letter.id, letter);
      const latest = new Map<string, Ingested>();
      for (const entry of ingested) {
        const seen = latest.get(entry.id);
        if (!seen || entry.at >= seen.at) latest.set(entry.id, entry);
      }
      arrived = [];
      for (const entry of latest.values()) {
        const letter = byId.get(entry.id);
        if (letter) arrived.push({ letter, at: entry.at, change: entry.change });
      }
      arrived.sort(
        (a, b) =>
          (a.at < b.at ? 1 : a.at > b.at ? -1 : 0) ||
          a.letter.authority.shortName.localeCompare(b.letter.authority.shortName) ||
          b.letter.year - a.letter.year,
      );
    }
    return arrived;
  };
  return {
    letters,
    councils,
    field,
    withConcerns,
    arrivals,
    years,
    latestYear: years[years.length - 1] ?? null,
    ofCouncil: (name) => byCouncil.get(nameKey(name)) ?? [],
    ofYear: (year) => byYear.get(year) ?? [],
    peersOf: (letter) =>
      letter.authority.type ? (byYearType.get(`${letter.year}:${letter.authority.type}`) ?? []) : [letter],
  };
}

/** The letters of the latest year held that raise at least one concern (not only praise). */
export function latestWithConcerns(holdings: Holdings): HeldLetter[] {
  if (holdings.latestYear === null) return [];
  return holdings
    .withConcerns(holdings.latestYear)
    .filter((l) => l.concerns.some((c) => c.tone === "concern"));
}
