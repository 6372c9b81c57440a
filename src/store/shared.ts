import type { Letter } from "../letters/schema.ts";
import type { Ingested } from "./schema.ts";

/**
 * One copy of each value the letters repeat, for a process that keeps them (the Slack app's answering thread).
 * `JSON.parse` makes a new string and a new object for every occurrence, and letters repeat a lot: 10,000 of them
 * name a few hundred councils, give a few dozen concern summaries, and many share a period, a recipient or a set of
 * warnings; the ingest log repeats the letters' ids. Made one copy each, the letters take about a third less
 * memory, and stay deep-equal to what was read.
 *
 * Only what repeats is looked at: a quote, a file's path or hash, a set of figures is (nearly) every letter's own,
 * and looking each up would cost more time at every load than it could save. An object several letters share must
 * never be changed (that would change them all), so each shared one is frozen: a change throws rather than spreads.
 *
 * Each record is changed in place: give only records just read, which nothing else holds. One `Repeats` serves one
 * read of the store; the copies it keeps go with it.
 */
export class Repeats {
  readonly #texts = new Map<string, string>();
  readonly #values = new Map<string, object>();

  /** `letter`, its repeated parts replaced by the copies seen before. */
  letter(letter: Letter): Letter {
    const { authority, recipient, period } = letter;
    letter.authority = this.#value(key("a", authority.name, authority.shortName, authority.type), authority);
    if (recipient)
      letter.recipient = this.#value(key("r", recipient.title, recipient.surname, recipient.role), recipient);
    if (period) letter.period = this.#value(key("p", period.start, period.end), period);
    // A year's letters are sent within a few days of each other.
    if (letter.letterDate !== null) letter.letterDate = this.#text(letter.letterDate);
    for (const concern of letter.concerns) {
      concern.category = this.#text(concern.category);
      concern.tone = this.#text(concern.tone);
      concern.summary = this.#text(concern.summary);
    }
    // Most letters have no concerns, or the same few warnings (no statistics section, a figure not given).
    if (letter.concerns.length === 0) letter.concerns = this.#value("c", letter.concerns);
    let warnings = "w";
    for (const w of letter.warnings) warnings += key("", w.field, w.code, w.message);
    letter.warnings = this.#value(warnings, letter.warnings, (kept) => {
      for (const warning of kept) Object.freeze(warning);
    });
    letter.id = this.#text(letter.id);
    return letter;
  }

  /** An entry of the ingest log: the same id as its letter's, and the same few times and kinds of change. */
  ingested(entry: Ingested): Ingested {
    entry.id = this.#text(entry.id);
    entry.at = this.#text(entry.at);
    entry.change = this.#text(entry.change);
    return entry;
  }

  #text<T extends string>(value: T): T {
    const found = this.#texts.get(value);
    if (found !== undefined) return found as T;
    this.#texts.set(value, value);
    return value;
  }

  /**
   * The value kept under `key`; or, the first time, `value` itself, kept under it and frozen (after `freeze`, which
   * freezes what it holds).
   */
  #value<T extends object>(key: string, value: T, freeze?: (value: T) => void): T {
    const found = this.#values.get(key);
    if (found !== undefined) return found as T;
    freeze?.(value);
    this.#values.set(key, Object.freeze(value));
    return value;
  }
}

/** The letters and ingest log of a store just read, with one copy of each repeated value (see `Repeats`). */
export function shareRepeats(data: { letters: Letter[]; ingested: Ingested[] }): void {
  const repeats = new Repeats();
  for (const letter of data.letters) repeats.letter(letter);
  for (const entry of data.ingested) repeats.ingested(entry);
}

/** A key of `kind` that only the same strings (or nulls) in the same order give: each is written with its length. */
function key(kind: string, ...parts: (string | null)[]): string {
  let written = kind;
  for (const part of parts) written += part === null ? "-" : `${part.length}:${part}`;
  return written;
}
