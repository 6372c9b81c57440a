import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/answers/open-store.ts";
import { ingestPaths, readStore, type StoreData, updateStore } from "../../src/store/index.ts";
import { subscription } from "../fixtures/subscriptions.ts";
import { readdressed, SAMPLES, tempDir } from "../support/tmp.ts";

async function sampleStore(): Promise<string> {
  const store = join(tempDir(), "db.json");
  await ingestPaths(store, [SAMPLES]);
  return store;
}

describe("the open store (what the answering thread holds)", () => {
  it("holds the store's letters, ingest log and subscriptions, equal to what the store gives", async () => {
    const store = await sampleStore();
    const open = await openStore(store);
    const { data } = await readStore(store);
    expect(open.holdings().letters).toEqual(data.letters);
    expect(open.ingested()).toEqual(data.ingested);
    expect(open.subscriptions()).toEqual(data.subscriptions);
  });

  it("gives the store as first read, file records and all, to `opened`", async () => {
    const store = await sampleStore();
    let seen: StoreData | undefined;
    await openStore(store, {
      opened: async (data) => {
        seen = data;
      },
    });
    expect(seen?.files).toHaveLength(readdirSync(SAMPLES).length);
    expect(seen).toEqual((await readStore(store)).data);
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
    expect(open.holdings().letters).toEqual((await readStore(store)).data.letters);
    expect(open.subscriptions()).toHaveLength(1);
  });
});
