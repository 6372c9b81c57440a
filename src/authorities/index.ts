import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../root.ts";
import { coreKey, coreOfKey, nameKey } from "./name.ts";
import { AuthoritiesFile, type Authority } from "./schema.ts";

export { coreKey, nameKey, slug } from "./name.ts";
export { AUTHORITY_TYPE_LABEL, type Authority, AuthorityType } from "./schema.ts";

export const AUTHORITIES_FILE = join(ROOT, "data", "authorities.json");

/** Looks councils up by any of their names. Built once from the reference list and shared. */
export interface AuthorityIndex {
  readonly all: readonly Authority[];
  /** Councils whose name, short name, alias or name core is exactly `text` (after normalising). */
  lookup(text: string, year?: number): Authority[];
  /**
   * The council named somewhere in `text` (an addressee block, one line or several): the longest run of words that
   * names exactly one council wins. `year` (the letter's year, ending 31 March) breaks ties between a council and
   * its predecessor.
   */
  findIn(text: string, year?: number): Authority | undefined;
  /**
   * Every council `text` could mean: those it names exactly and those whose name shares its core ("Somerset":
   * Somerset Council and Somerset County Council). For telling a person their words are ambiguous.
   */
  candidates(text: string, year?: number): Authority[];
  /** Every normalised name, short name and alias with its council: what typed names are matched against. */
  readonly keys: readonly { key: string; authority: Authority }[];
}

export class AuthoritiesError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "AuthoritiesError";
  }
}

/** Did the council exist for some of the Ombudsman's year ending 31 March `year`? */
export function existedIn(authority: Authority, year: number): boolean {
  const start = `${year - 1}-04-01`;
  const end = `${year}-03-31`;
  return (
    (authority.created === null || authority.created <= end) &&
    (authority.abolished === null || authority.abolished > start)
  );
}

const COMPASS = /^(north east|north west|south east|south west|north|south|east|west) (.+)$/;
const COMPASS_ABBREVIATION: Record<string, string> = {
  "north east": "ne",
  "north west": "nw",
  "south east": "se",
  "south west": "sw",
  north: "n",
  south: "s",
  east: "e",
  west: "w",
};

/** A short name's abbreviated forms: its compass point shortened, a county in it shortened, or both. */
function abbreviated(short: string, counties: ReadonlyMap<string, readonly string[]>): string[] {
  const words = short.split(" ");
  const forms = [short];
  for (let i = 0; i < words.length; i++) {
    for (const abbreviation of words.length > 1 ? (counties.get(words[i] as string) ?? []) : []) {
      forms.push([...words.slice(0, i), abbreviation, ...words.slice(i + 1)].join(" "));
    }
  }
  const out: string[] = [];
  for (const form of forms) {
    if (form !== short) out.push(form);
    const point = COMPASS.exec(form);
    if (point?.[1] && point[2]) out.push(`${COMPASS_ABBREVIATION[point[1]]} ${point[2]}`);
  }
  return out;
}

export function createAuthorityIndex(all: readonly Authority[]): AuthorityIndex {
  // Exact names first: they never collide. Then short names and aliases, then name cores, which can.
  const exact = new Map<string, Authority[]>();
  const loose = new Map<string, Authority[]>();
  const add = (map: Map<string, Authority[]>, key: string, authority: Authority) => {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [authority]);
    else if (!list.includes(authority)) list.push(authority);
  };
  for (const authority of all) {
    add(exact, nameKey(authority.name), authority);
    add(exact, nameKey(authority.shortName), authority);
    for (const alias of authority.aliases) add(exact, nameKey(alias), authority);
    add(loose, coreKey(authority.name), authority);
  }
  // The names as officers abbreviate them: a compass point ("N Yorkshire", "NE Lincolnshire") and a county's own
  // abbreviation inside another council's name ("S Glos", "NW Leics", "E Herts"). Without these, "S Glos" would be
  // read as Gloucestershire, the "S" being too short to look up.
  const countyAbbreviations = new Map<string, string[]>();
  for (const authority of all) {
    const short = nameKey(authority.shortName);
    if (short.includes(" ")) continue;
    for (const alias of authority.aliases) {
      const key = nameKey(alias);
      if (!key.includes(" ") && key.length < short.length)
        countyAbbreviations.set(short, [...(countyAbbreviations.get(short) ?? []), key]);
    }
  }
  for (const authority of all) {
    for (const variant of abbreviated(nameKey(authority.shortName), countyAbbreviations))
      add(exact, variant, authority);
  }

  const narrow = (found: Authority[] | undefined, year?: number): Authority[] => {
    if (!found || found.length <= 1 || year === undefined) return found ?? [];
    const current = found.filter((a) => existedIn(a, year));
    return current.length > 0 ? current : found;
  };

  // `key` is already a name key (nameKey of a key is the key itself), as findIn's runs of words are.
  const lookupKey = (key: string, year?: number): Authority[] => {
    const byName = narrow(exact.get(key), year);
    if (byName.length > 0) return byName;
    const core = coreOfKey(key);
    return narrow(exact.get(core) ?? loose.get(core), year);
  };
  const lookup = (text: string, year?: number): Authority[] => lookupKey(nameKey(text), year);

  const findIn = (text: string, year?: number): Authority | undefined => {
    let best: { authority: Authority; words: number } | undefined;
    for (const line of text.split("\n")) {
      const words = nameKey(line).split(" ").filter(Boolean);
      // Councils' names run to a dozen words at most; longer spans are never names.
      for (let start = 0; start < words.length; start++) {
        for (let end = Math.min(words.length, start + 12); end > start; end--) {
          const size = end - start;
          if (best && size <= best.words) break;
          const found = lookupKey(words.slice(start, end).join(" "), year);
          if (found.length === 1 && found[0]) {
            best = { authority: found[0], words: size };
            break;
          }
        }
      }
    }
    return best?.authority;
  };

  const candidates = (text: string, year?: number): Authority[] => {
    const key = nameKey(text);
    const core = coreKey(text);
    const found = new Set([
      ...(exact.get(key) ?? []),
      ...(exact.get(core) ?? []),
      ...(loose.get(core) ?? []),
    ]);
    return narrow([...found], year);
  };

  const keys = [...exact.entries()].flatMap(([key, list]) => list.map((authority) => ({ key, authority })));

  return { all, lookup, findIn, candidates, keys };
}

let shared: AuthorityIndex | undefined;

/** The bundled reference list, validated; throws `AuthoritiesError` naming the file when it is not usable. */
export function loadAuthorities(file: string = AUTHORITIES_FILE): AuthorityIndex {
  if (file === AUTHORITIES_FILE && shared) return shared;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AuthoritiesError(file, `cannot be read as JSON (${(error as Error).message})`);
  }
  const parsed = AuthoritiesFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AuthoritiesError(file, `${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  const index = createAuthorityIndex(parsed.data.authorities);
  if (file === AUTHORITIES_FILE) shared = index;
  return index;
}
