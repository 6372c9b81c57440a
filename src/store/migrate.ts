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
  /**
   * 3 gave every warning a `code` (what kind of doubt it records). Letters stored before then have only the message,
   * so the code is worked out from it, once, here: the one place that reads a warning's words. Anything unknown is
   * `inconsistent`, the most cautious reading (the figure, if any, was left empty).
   */
  2: (store) => ({
    ...store,
    schemaVersion: 3,
    letters: Array.isArray(store.letters) ? store.letters.map(letterV2toV3) : store.letters,
  }),
};

/** The code of a version-2 warning, from the messages the parser of that version wrote. */
const CODES: readonly [RegExp, string][] = [
  [/^not calculable/, "not_calculable"],
  [/may be (?:another|that) section's/, "ambiguous"],
  [/not found|could not be found|is missing|no statistics section|was not found|^no date/, "not_found"],
  [/could not be read/, "unreadable"],
  [/gives it as "n\/a"/, "not_given"],
  [/conflicting|different periods| says \d{4} but /, "conflicting"],
  [/is not in data\/authorities\.json/, "unknown_authority"],
  [/did not exist in the year/, "authority_not_current"],
  [/^averages .* are those of/, "wrong_type"],
  // A figure that cannot be was "…, so it was left empty"; one that contradicts another, "…, so this figure was …".
  [/, so it was left empty$/, "out_of_range"],
];

export function warningCodeOf(message: string): string {
  return CODES.find(([re]) => re.test(message))?.[1] ?? "inconsistent";
}

function letterV2toV3(letter: unknown): unknown {
  if (!isObject(letter) || !Array.isArray(letter.warnings)) return letter;
  const warnings = letter.warnings.map((w: unknown) =>
    isObject(w) && w.code === undefined && typeof w.message === "string"
      ? { field: w.field, code: warningCodeOf(w.message), message: w.message }
      : w,
  );
  return { ...letter, warnings };
}

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
