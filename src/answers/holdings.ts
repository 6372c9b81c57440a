import { nameKey } from "../authorities/name.ts";
import type { Letter } from "../letters/schema.ts";

/**
 * What the bot holds, indexed once when the store is loaded so that every answer is a few map look-ups, however many
 * letters there are.
 */
export interface Holdings {
  readonly letters: readonly Letter[];
  /** Years held, oldest first. */
  readonly years: readonly number[];
  readonly latestYear: number | null;
  /** Each council's latest letter, by short name: one entry a council held. */
  readonly councils: readonly Letter[];
  /** A council's letters, newest first; keyed by the authority's full name. */
  ofCouncil(authorityName: string): readonly Letter[];
  /** The letters of one year. */
  ofYear(year: number): readonly Letter[];
  /** Letters of the same year and authority type (the council itself included). */
  peersOf(letter: Letter): readonly Letter[];
}

export function createHoldings(letters: readonly Letter[]): Holdings {
  const byCouncil = new Map<string, Letter[]>();
  const byYear = new Map<number, Letter[]>();
  const byYearType = new Map<string, Letter[]>();
  const push = <K>(map: Map<K, Letter[]>, key: K, letter: Letter) => {
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
    .map((list) => list[0] as Letter)
    .sort((a, b) => a.authority.shortName.localeCompare(b.authority.shortName));
  return {
    letters,
    councils,
    years,
    latestYear: years[years.length - 1] ?? null,
    ofCouncil: (name) => byCouncil.get(nameKey(name)) ?? [],
    ofYear: (year) => byYear.get(year) ?? [],
    peersOf: (letter) =>
      letter.authority.type ? (byYearType.get(`${letter.year}:${letter.authority.type}`) ?? []) : [letter],
  };
}

/** The letters of the latest year held that raise at least one concern (not only praise). */
export function latestWithConcerns(holdings: Holdings): Letter[] {
  if (holdings.latestYear === null) return [];
  return holdings.ofYear(holdings.latestYear).filter((l) => l.concerns.some((c) => c.tone === "concern"));
}
