import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/answers/open-store.ts";
import type { HeldLetter, Letter } from "../../src/letters/index.ts";
import { ingestPaths, readStore, updateStore } from "../../src/store/index.ts";
import { subscription } from "../fixtures/subscriptions.ts";
import { readdressed, SAMPLES, tempDir } from "../support/tmp.ts";

/** The letters as the open store holds them: without their files' hashes (`HeldLetter`). */
const held = (letters: Letter[]): HeldLetter[] =>
  letters.map(({ source, ...letter }) => ({ ...letter, source: { file: source.file } }));

async function sampleStore(): Promise<string> {
  const store = join(tempDir(), "db.json");
  await ingestPaths(store, [SAMPLES]);
  return store;
}

describe("the open store (what the answering thread holds)", () => {
  it("holds the store's letters (but their files' hashes), ingest log and subscriptions, as the store gives them", async () => {
    const store = await sampleStore();
    const open = await openStore(store);
    const { data } = await readStore(store);
    expect(open.holdings().letters).toEqual(held(data.letters));
    expect(open.holdings().letters[0]?.source).not.toHaveProperty("sha256");
    expect(open.ingested()).toEqual(data.ingested);
    expect(open.subscriptions()).toEqual(data.subscriptions);
  });

  it("gives the store as first read, file records and all, to `opened`", async () => {
    const store = await sampleStore();
    const { data } = await readStore(store);
    let seen: unknown;
    await openStore(store, {
      opened: async (given) => {
        // As given: the open store drops the hashes from its letters after.
        seen = structuredClone(given);
      },
    });
    expect(seen).toEqual(data);
    expect(data.files).toHaveLength(readdirSync(SAMPLES).length);
  });

  it("keeps its letters when only the subscriptions changed, and reads new letters afresh", async () => {
    const store = await sampleStore();
    const open = await openStore(store);
    const letters = open.holdings();
    await updateStore(store, (data) => {
      data.subscriptions.push(subscription());
      return { changed: true, result: null };
    });
    await open.refresh();
    expect(open.holdings()).toBe(letters);
    expect(open.subscriptions()).toEqual((await readStore(store)).data.subscriptions);

    await ingestPaths(store, readdressed(tempDir(), ["Bury Metropolitan Borough Council"]));
    await open.refresh();
    expect(open.holdings()).not.toBe(letters);
    expect(open.holdings().letters).toEqual(held((await readStore(store)).data.letters));
    expect(open.subscriptions()).toHaveLength(1);
  });

  it("keeps its letters when the store file is removed, says so once, and reads the file again when it is back", async () => {
    const store = await sampleStore();
    const open = await openStore(store);
    const letters = open.holdings().letters;
    const saved = readFileSync(store);
    rmSync(store);
    await expect(open.refresh()).rejects.toThrow(
      `${store}: is not there any more; answering from the 5 letters`,
    );
    await open.refresh();
    expect(open.holdings().letters).toBe(letters);

    writeFileSync(store, saved);
    await updateStore(store, (data) => {
      data.subscriptions.push(subscription());
      return { changed: true, result: null };
    });
    await open.refresh();
    expect(open.subscriptions()).toHaveLength(1);
    expect(open.holdings().letters).toEqual(letters);
  });
});
