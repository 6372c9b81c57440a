import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestPaths, readStore, StoreError } from "../../src/store/index.ts";
import { readStoreShared } from "../../src/store/read-shared.ts";
import { updateStore } from "../../src/store/store.ts";
import { subscription } from "../fixtures/subscriptions.ts";
import { SAMPLES, tempDir } from "../support/tmp.ts";

async function sampleStore(): Promise<string> {
  const store = join(tempDir(), "db.json");
  await ingestPaths(store, [SAMPLES]);
  // A subscription too, so that every kind of top-level key is read.
  await updateStore(store, (data) => {
    data.subscriptions.push(subscription());
    return { changed: true, result: null };
  });
  return store;
}

describe("the store read to be kept (the answering thread's read)", () => {
  it("reads the file this ombuds wrote a line at a time, giving what readStore gives", async () => {
    const store = await sampleStore();
    const { data } = await readStore(store);
    expect(data.letters).toHaveLength(5);
    expect(await readStoreShared(store)).toEqual(data);
  });

  it("reads a copy, which its record vouches for only by its hash, as readStore does", async () => {
    const store = await sampleStore();
    const copy = join(tempDir(), "db.json");
    copyFileSync(store, copy);
    copyFileSync(`${store}.checked`, `${copy}.checked`);
    expect(await readStoreShared(copy)).toEqual((await readStore(store)).data);
  });

  it("validates a store edited by hand, as readStore does", async () => {
    const store = await sampleStore();
    const text = readFileSync(store, "utf8");
    writeFileSync(store, text.replace('"year":2020', '"year":"2020"'));
    await expect(readStoreShared(store)).rejects.toBeInstanceOf(StoreError);
    writeFileSync(store, JSON.stringify(JSON.parse(text)));
    expect(await readStoreShared(store)).toEqual((await readStore(store)).data);
  });

  it("reads a missing store as an empty one", async () => {
    const store = join(tempDir(), "db.json");
    expect(await readStoreShared(store)).toEqual((await readStore(store)).data);
  });
});
