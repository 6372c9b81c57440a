/**
 * Older store files brought up to the current schema version, one version at a time, so that v2→v3 is one more
 * step. Pure: the input is never changed, and anything that is not a store of a version this knows how to migrate
 * (a foreign shape, a newer version) comes back as it was, for validation to refuse.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Each step takes a store of version `n` to version `n + 1`. */
const STEPS: Record<number, (store: Json) => Json> = {
  /**
   * 2 added `stats.upheld.perHundredThousand` (2024+ letters) and `stats.overview` (2025 letters): no version-1
   * letter had them, so both are null. Everything else is kept exactly.
   */
  1: (store) => ({
    ...store,
    schemaVersion: 2,
    letters: Array.isArray(store.letters) ? store.letters.map(letterV1toV2) : store.letters,
  }),
};

function letterV1toV2(letter: unknown): unknown {
  if (!isObject(letter) || !isObject(letter.stats)) return letter;
  const { stats } = letter;
  const upheld = isObject(stats.upheld)
    ? { ...stats.upheld, perHundredThousand: stats.upheld.perHundredThousand ?? null }
    : stats.upheld;
  return { ...letter, stats: { ...stats, upheld, overview: stats.overview ?? null } };
}

/** `raw` (a parsed store file) at the newest version it can be brought to; validate the result. */
export function migrate(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  let store = raw;
  for (;;) {
    const version = store.schemaVersion;
    const step = typeof version === "number" ? STEPS[version] : undefined;
    if (!step) return store;
    store = step(store);
  }
}
