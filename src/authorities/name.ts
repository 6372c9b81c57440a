/**
 * Council names are written many ways ("Bath & North East Somerset", "B&NES", "Sefton MBC", "London Borough of
 * Camden"); these turn a name into the keys we match on. Kept apart from the index so the answers layer can reuse
 * them for what people type.
 */

/** Lower-case, "&" as "and", punctuation and hyphens as spaces, one space between words. */
export function nameKey(text: string): string {
  // Already a key (a run of words of a question, a key looked up again): its own key. Questions look up every run of
  // their words, so this is most calls, and it skips Unicode normalisation.
  if (KEYED.test(text)) return text;
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['\u2018\u2019`]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const KEYED = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

const PREFIXES = [
  "london borough of",
  "royal borough of",
  "borough of",
  "city of",
  "council of the",
  "council of",
];
const SUFFIXES = [
  "metropolitan borough council",
  "metropolitan district council",
  "metropolitan council",
  "london borough council",
  "borough council",
  "district council",
  "city council",
  "county council",
  "council",
  "corporation",
  "mbc",
  "mdc",
  "bc",
  "dc",
  "cc",
];

/**
 * The place-name core of a council's name: "Sefton Metropolitan Borough Council" and "Sefton Council" both give
 * "sefton". Different councils can share a core (a county and its successor unitary), so callers must expect
 * several authorities per core.
 */
export function coreKey(text: string): string {
  return coreOfKey(nameKey(text));
}

/** `coreKey` of what is already a name key (nameKey's output), without normalising it again. */
export function coreOfKey(nameKeyed: string): string {
  let key = nameKeyed;
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of PREFIXES) {
      if (key.startsWith(`${prefix} `)) {
        key = key.slice(prefix.length + 1);
        changed = true;
      }
    }
    for (const suffix of SUFFIXES) {
      if (key.endsWith(` ${suffix}`)) {
        key = key.slice(0, -(suffix.length + 1));
        changed = true;
      }
    }
  }
  return key;
}

/** "Bath and North East Somerset" → "bath-and-north-east-somerset": the authority part of a letter's id. */
export function slug(text: string): string {
  return nameKey(text).replace(/ /g, "-");
}
