/**
 * Answers kept for as long as the store stays as loaded: the same question asked again is answered from the copy.
 * Officers ask the same few questions over and over (their own council, its neighbours, who had concerns), and an
 * answer depends only on the question's text, the letters held and the year of `now` (`understand` reads "this year"
 * from it): the key holds the text and the year, and a new store load (an ingest, a letter arriving) empties the
 * whole cache. The newest `max` are kept; a message is never changed once made, so one copy serves every asker.
 */
export class KeptAnswers<T> {
  #holdings: object | undefined;
  readonly #kept = new Map<string, T>();

  constructor(private readonly max = 256) {}

  /** The answer for `key` over `holdings`: the copy kept from an earlier question, or `make()`'s, kept. */
  get(holdings: object, key: string, make: () => T): T {
    if (holdings !== this.#holdings) {
      this.#kept.clear();
      this.#holdings = holdings;
    }
    const found = this.#kept.get(key);
    if (found !== undefined) {
      // Asked again: now the most recent (a Map iterates oldest first, which is what is dropped).
      this.#kept.delete(key);
      this.#kept.set(key, found);
      return found;
    }
    const made = make();
    this.#kept.set(key, made);
    if (this.#kept.size > this.max) this.#kept.delete(this.#kept.keys().next().value as string);
    return made;
  }

  get size(): number {
    return this.#kept.size;
  }
}

/** The key of a question asked at `now`, with or without the Share button (which changes the text budget). */
export const keyOf = (question: string, share: boolean, now: Date): string =>
  `${now.getUTCFullYear()}:${share ? "share" : "plain"}:${question}`;
