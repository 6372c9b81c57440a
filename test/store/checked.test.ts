import { createHash } from "node:crypto";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { checkedFile, SCHEMA_FINGERPRINT } from "../../src/store/checked.ts";
import { ingestPaths, readStore, StoreData, StoreError } from "../../src/store/index.ts";
import { sampleFolder, tempDir } from "../support/tmp.ts";

/** The store is validated once per distinct file: a write records what it wrote; a load it vouches for only parses. */

async function ingested(): Promise<string> {
  const store = join(tempDir(), "db.json");
  await ingestPaths(store, [sampleFolder()]);
  return store;
}

describe("the store's validation record", () => {
  // A failing expectation skips its test's mockRestore: never let a spy leak into the next test.
  afterEach(() => vi.restoreAllMocks());

  it("pins the schema's fingerprint: a change to the store schema must change SCHEMA_FINGERPRINT", () => {
    const now = createHash("sha256")
      .update(JSON.stringify(z.toJSONSchema(StoreData, { unrepresentable: "any", io: "input" })))
      .digest("hex");
    expect(SCHEMA_FINGERPRINT, `set SCHEMA_FINGERPRINT in src/store/checked.ts to "${now}"`).toBe(now);
  });

  it("a store this ombuds wrote loads without validation, to the same data validation gives", async () => {
    const store = await ingested();
    expect(JSON.parse(readFileSync(checkedFile(store), "utf8"))).toEqual({
      sha256: createHash("sha256").update(readFileSync(store, "utf8")).digest("hex"),
      schema: SCHEMA_FINGERPRINT,
      identity: expect.stringMatching(/^\d+:\d+:\d+:\d+$/),
    });
    const parse = vi.spyOn(StoreData, "safeParse");
    const trusted = (await readStore(store)).data;
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
    expect(trusted).toEqual(StoreData.parse(JSON.parse(readFileSync(store, "utf8"))));
    expect(trusted.letters).toHaveLength(5);
  });

  it("the file the writer left is vouched for by its identity alone: its content is not hashed again", async () => {
    const store = await ingested();
    // The record's hash made wrong on purpose: only the identity (a stat) can vouch for the file now.
    const record = JSON.parse(readFileSync(checkedFile(store), "utf8")) as { identity: string };
    writeFileSync(checkedFile(store), JSON.stringify({ ...record, sha256: "0".repeat(64) }));
    const parse = vi.spyOn(StoreData, "safeParse");
    expect((await readStore(store)).data.letters).toHaveLength(5);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it("a copy of the store (another file, the same text) is vouched for by its content", async () => {
    const store = await ingested();
    const copy = join(tempDir(), "db.json");
    copyFileSync(store, copy);
    copyFileSync(checkedFile(store), checkedFile(copy));
    const parse = vi.spyOn(StoreData, "safeParse");
    expect((await readStore(copy)).data.letters).toHaveLength(5);
    expect(parse).not.toHaveBeenCalled();
    parse.mockRestore();
  });

  it("a store changed by hand since it was written is validated in full, and refused if it is wrong", async () => {
    const store = await ingested();
    const text = readFileSync(store, "utf8");
    // A figure changed by hand to one the schema refuses: the record no longer vouches for the file.
    const edited = text.replace(/"upheld":\{"rate":\d+/, '"upheld":{"rate":"lots"');
    expect(edited).not.toBe(text);
    writeFileSync(store, edited);
    await expect(readStore(store)).rejects.toBeInstanceOf(StoreError);
    await expect(readStore(store)).rejects.toThrow(
      /is not an ombuds store: letters\.\d+\.stats\.upheld\.rate/,
    );
  });

  it("a record made under another schema, or one that is not a record, vouches for nothing", async () => {
    const store = await ingested();
    const parse = vi.spyOn(StoreData, "safeParse");
    writeFileSync(checkedFile(store), JSON.stringify({ sha256: "0".repeat(64), schema: "older" }));
    expect((await readStore(store)).data.letters).toHaveLength(5);
    writeFileSync(checkedFile(store), "not json");
    expect((await readStore(store)).data.letters).toHaveLength(5);
    expect(parse).toHaveBeenCalledTimes(2);
    parse.mockRestore();
  });
});
