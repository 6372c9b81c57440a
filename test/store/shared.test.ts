import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import type { Letter } from "../../src/letters/index.ts";
import { ingestPaths, readStore } from "../../src/store/index.ts";
import { shareRepeats } from "../../src/store/shared.ts";
import { SAMPLES, tempDir } from "../support/tmp.ts";

/** The sample letters, each again as another year's letter of the same council: values that repeat. */
async function repeatingStore() {
  const store = join(tempDir(), "db.json");
  await ingestPaths(store, [SAMPLES]);
  const { data } = await readStore(store);
  const again = data.letters.map((letter): Letter => {
    const copy = structuredClone(letter);
    return { ...copy, id: letter.id.replace(/\d{4}$/, "2019"), year: 2019 };
  });
  data.letters.push(...again);
  data.ingested.push(
    ...again.map((l) => ({ id: l.id, at: "2026-01-01T00:00:00.000Z", change: "added" as const })),
  );
  return data;
}

describe("repeated values shared, for a process that keeps the store", () => {
  it("leaves the letters and the ingest log deep-equal to what was read", async () => {
    const data = await repeatingStore();
    const before = structuredClone({ letters: data.letters, ingested: data.ingested });
    shareRepeats(data);
    expect(isDeepStrictEqual({ letters: data.letters, ingested: data.ingested }, before)).toBe(true);
  });

  it("makes equal parts of different letters one object", async () => {
    const data = await repeatingStore();
    shareRepeats(data);
    const [first, second] = data.letters.filter((l) => l.authority.shortName === "Sefton") as [
      Letter,
      Letter,
    ];
    expect(first.id).not.toBe(second.id);
    expect(first.authority).toBe(second.authority);
    expect(first.recipient).toBe(second.recipient);
    expect(first.warnings).toBe(second.warnings);
    // Each letter's own figures and concerns are its own.
    expect(first.stats).not.toBe(second.stats);
  });

  it("freezes what letters share, so that changing it throws rather than changes every letter", async () => {
    const data = await repeatingStore();
    shareRepeats(data);
    const letter = data.letters[0] as Letter;
    expect(() => {
      letter.authority.shortName = "Elsewhere";
    }).toThrow(TypeError);
    expect(() => (letter.warnings as unknown[]).push({})).toThrow(TypeError);
    // The letter itself is its own, and may be changed as before.
    letter.year = 2030;
    expect(letter.year).toBe(2030);
  });
});
