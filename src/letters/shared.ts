import type { Letter } from "./schema.ts";
import { TITLE } from "./titles.ts";

/**
 * Paragraphs that every council got, found by comparing letters. general.ts knows each year's general paragraphs by
 * what they say; one it does not know (a new year's news, a reworded notice) is still the same text in every
 * council's letter of that year, once the council's own names are taken out. A concern whose text appears, so
 * masked, among the concerns of letters to at least two other councils of the same year is one of those, not the
 * council's own.
 */

/** How many other councils' letters of the year must carry a paragraph for it to be one every council got. */
const OTHER_COUNCILS = 2;

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
const escapeRegExp = (text: string) => text.replace(ESCAPE, "\\$&");

/** The council (not the letter): one council's letters of a year count once. */
function councilOf(letter: Letter): string {
  const at = letter.id.lastIndexOf("/");
  return at > 0 ? letter.id.slice(0, at) : letter.authority.name.toLowerCase();
}

/**
 * The letter's own names, as two patterns: the council's name and short name, longest first (with the kind of
 * council that may follow: "Bury Council", "Bury Metropolitan Borough Council"), then the addressee. Names are
 * matched as printed (capitalised), so a short name that is also a word ("Reading", "Bath") is left alone in lower
 * case. Each pattern is built once per council and per surname, not once per letter: a store holds each council's
 * letters of many years, and compiling ten thousand patterns costs more than masking with them.
 */
const councilPatterns = new Map<string, RegExp>();
const personPatterns = new Map<string, RegExp>();
const CACHE_LIMIT = 10_000;

function cached(cache: Map<string, RegExp>, source: string): RegExp {
  let found = cache.get(source);
  if (!found) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    found = new RegExp(source, "g");
    cache.set(source, found);
  }
  return found;
}

function namesOf(letter: Letter): RegExp[] {
  const names = new Set<string>();
  const { name, shortName } = letter.authority;
  for (const n of [
    name,
    shortName,
    name.replace(/^(?:the )?(?:london borough|royal borough|city) of /i, ""),
  ]) {
    if (n.trim().length >= 2) names.add(n.trim());
  }
  const parts = [...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const council = `\\b(?:${parts.join("|")})(?: (?:Metropolitan|Borough|District|City|County|London|Royal))*(?: Council)?(?:'s)?`;
  const patterns = [cached(councilPatterns, council)];
  const surname = letter.recipient?.surname?.trim();
  if (surname && surname.length >= 2)
    patterns.push(cached(personPatterns, `\\b(?:${TITLE}\\.? )?${escapeRegExp(surname)}\\b`));
  return patterns;
}

/** A concern's text with the letter's names masked, spaces, quotes, dashes and case made one. */
function masked(quote: string, names: readonly RegExp[]): string {
  let text = quote;
  for (const pattern of names) text = text.replace(pattern, "\u2039name\u203a");
  return text
    .replace(/[\u2018\u2019\u201b`]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * The `checked` letters without the concerns that letters to at least two other councils of the same year (among
 * `letters`, which may include `checked`) also hold, names masked. A letter with none is returned as it was.
 */
export function withoutSharedParagraphs(checked: readonly Letter[], letters: readonly Letter[]): Letter[] {
  // year → masked quote → the councils whose letters hold it
  const holders = new Map<number, Map<string, Set<string>>>();
  const names = new Map<Letter, RegExp[]>();
  const namesFor = (letter: Letter) => {
    let found = names.get(letter);
    if (found === undefined) {
      found = namesOf(letter);
      names.set(letter, found);
    }
    return found;
  };
  for (const letter of letters) {
    if (letter.concerns.length === 0) continue;
    let byQuote = holders.get(letter.year);
    if (!byQuote) {
      byQuote = new Map();
      holders.set(letter.year, byQuote);
    }
    const council = councilOf(letter);
    for (const concern of letter.concerns) {
      const key = masked(concern.quote, namesFor(letter));
      const councils = byQuote.get(key) ?? new Set<string>();
      councils.add(council);
      byQuote.set(key, councils);
    }
  }
  return checked.map((letter) => {
    const byQuote = holders.get(letter.year);
    if (!byQuote || letter.concerns.length === 0) return letter;
    const own = councilOf(letter);
    const kept = letter.concerns.filter((concern) => {
      const councils = byQuote.get(masked(concern.quote, namesFor(letter)));
      const others = councils ? councils.size - (councils.has(own) ? 1 : 0) : 0;
      return others < OTHER_COUNCILS;
    });
    return kept.length === letter.concerns.length ? letter : { ...letter, concerns: kept };
  });
}
