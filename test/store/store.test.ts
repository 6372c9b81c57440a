import { execFile } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import lockfile from "proper-lockfile";
import { describe, expect, it } from "vitest";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { ingestPaths, readStore, StoreError } from "../../src/store/index.ts";
import { subscription } from "../fixtures/subscriptions.ts";
import { readdressed, sampleFolder, tempDir } from "../support/tmp.ts";

const run = promisify(execFile);
const SUBSCRIPTION = subscription();
const METROPOLITAN = loadAuthorities()
  .all.filter((a) => a.type === "metropolitan_borough" && a.shortName !== "Stockport")
  .map((a) => a.name);

describe("ingest", () => {
  it("stores the five sample letters, sorted by id, in the store file's shape", async () => {
    const store = join(tempDir(), "db.json");
    const report = await ingestPaths(store, [sampleFolder()]);
    expect(report.added.sort()).toEqual([
      "bath-and-north-east-somerset/2020",
      "bromsgrove/2020",
      "bury/2020",
      "sefton/2020",
      "stockport/2020",
    ]);
    const raw = JSON.parse(readFileSync(store, "utf8"));
    expect(Object.keys(raw)).toEqual(["schemaVersion", "letters", "ingested", "subscriptions", "digests"]);
    expect(raw.ingested.map((i: { id: string; change: string }) => [i.id, i.change])).toEqual(
      report.added.sort().map((id) => [id, "added"]),
    );
    expect(raw.schemaVersion).toBe(1);
    expect(raw.letters.map((l: { id: string }) => l.id)).toEqual(report.added.sort());
  });

  it("is idempotent: the same files again change nothing, not even the file's bytes or time", async () => {
    const store = join(tempDir(), "db.json");
    const letters = sampleFolder();
    await ingestPaths(store, [letters]);
    const before = { bytes: readFileSync(store), mtime: statSync(store).mtimeMs };
    const again = await ingestPaths(store, [letters]);
    expect(again).toMatchObject({ added: [], updated: [], failed: [] });
    expect(again.unchanged).toHaveLength(5);
    expect(readFileSync(store).equals(before.bytes)).toBe(true);
    expect(statSync(store).mtimeMs).toBe(before.mtime);
  });

  it("a changed file replaces its record and is reported as updated", async () => {
    const store = join(tempDir(), "db.json");
    const letters = sampleFolder();
    await ingestPaths(store, [letters]);
    const file = join(letters, "2020", "bury.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace("6\nupheld decisions", "7\nupheld decisions"));
    const report = await ingestPaths(store, [letters]);
    expect(report.updated).toEqual(["bury/2020"]);
    expect(report.unchanged).toHaveLength(4);
    const bury = (await readStore(store)).data.letters.find((l) => l.id === "bury/2020");
    expect(bury?.stats.upheld?.count).toBe(7);
    expect(bury?.warnings.map((w) => w.field)).toContain("stats.upheld.rate"); // 40% is not 7 of 15
  });

  it("bad files fail with file and reason while the good ones are still stored", async () => {
    const dir = sampleFolder();
    writeFileSync(join(dir, "notes.txt"), "Shopping list: eggs, milk");
    writeFileSync(join(dir, "scan.txt"), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x00]));
    const store = join(tempDir(), "db.json");
    const report = await ingestPaths(store, [dir, join(dir, "missing.txt")]);
    expect(report.added).toHaveLength(5);
    expect(report.failed.map((e) => [e.file.split("/").pop(), e.field])).toEqual([
      ["notes.txt", "document"],
      ["scan.txt", "file"],
      ["missing.txt", "file"],
    ]);
    expect((await readStore(store)).data.letters).toHaveLength(5);
  });

  it("two files for the same council and year in one batch: the first is stored, the second fails", async () => {
    const dir = tempDir();
    const [first, second] = readdressed(dir, ["Sefton Metropolitan Borough Council", "Sefton Council"]);
    writeFileSync(second as string, readFileSync(second as string, "utf8").replace("Ms Smith", "Ms Jones"));
    const store = join(tempDir(), "db.json");
    const report = await ingestPaths(store, [first as string, second as string]);
    expect(report.added).toEqual(["sefton/2020"]);
    expect(report.failed[0]?.reason).toMatch(/also in .*letter-0\.txt/);
  });

  it("flags a letter whose averages differ from the other letters of its type and year", async () => {
    const dir = tempDir();
    const files = readdressed(dir, METROPOLITAN.slice(0, 3));
    const odd = files[2] as string;
    writeFileSync(odd, readFileSync(odd, "utf8").replace("average of **67%**", "average of **45%**"));
    const store = join(tempDir(), "db.json");
    await ingestPaths(store, files);
    const warned = (await readStore(store)).data.letters.filter((l) => l.warnings.length > 0);
    expect(warned).toHaveLength(1);
    expect(warned[0]?.warnings[0]?.message).toMatch(/differ from the 67\/100\/11/);
  });
});

describe("a store file it cannot read", () => {
  const cases: [string, string][] = [
    ["is not JSON", "{ this is not json"],
    ["is empty", ""],
    ["has a foreign shape", JSON.stringify({ users: [{ name: "x" }] })],
    ["is a JSON array", "[]"],
    ["holds an invalid letter", JSON.stringify({ schemaVersion: 1, letters: [{ id: "x" }] })],
    ["was written by a newer ombuds", JSON.stringify({ schemaVersion: 2, letters: [] })],
    [
      "holds a digest subscription at 25:00",
      JSON.stringify({ schemaVersion: 1, letters: [], subscriptions: [{ ...SUBSCRIPTION, time: "25:00" }] }),
    ],
  ];
  for (const [what, content] of cases) {
    it(`that ${what} stops ingest with a clear error and is left byte-for-byte untouched`, async () => {
      const store = join(tempDir(), "db.json");
      writeFileSync(store, content);
      const error = await ingestPaths(store, [sampleFolder()]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toContain(store);
      expect(readFileSync(store, "utf8")).toBe(content);
      await expect(readStore(store)).rejects.toThrow(StoreError);
    });
  }

  it("keeps top-level keys it does not know, so a newer feature's data is never dropped", async () => {
    const store = join(tempDir(), "db.json");
    writeFileSync(
      store,
      JSON.stringify({
        schemaVersion: 1,
        letters: [],
        subscriptions: [SUBSCRIPTION],
        extra: { from: "a newer ombuds" },
      }),
    );
    await ingestPaths(store, [sampleFolder()]);
    const raw = JSON.parse(readFileSync(store, "utf8"));
    expect(raw.extra).toEqual({ from: "a newer ombuds" });
    expect(raw.subscriptions).toEqual([SUBSCRIPTION]);
    expect(raw.letters).toHaveLength(5);
  });
});

describe("concurrent ingests", () => {
  it("eight ingests at once in one process lose nothing", async () => {
    const store = join(tempDir(), "db.json");
    const dir = tempDir();
    const files = readdressed(dir, METROPOLITAN.slice(0, 16));
    await Promise.all(Array.from({ length: 8 }, (_, i) => ingestPaths(store, files.slice(i * 2, i * 2 + 2))));
    expect((await readStore(store)).data.letters).toHaveLength(16);
  });

  it("two `ombuds ingest` processes run at once lose nothing, even while a third writer holds the store", async () => {
    const store = join(tempDir(), "db.json");
    const a = readdressed(tempDir(), METROPOLITAN.slice(0, 12));
    const b = readdressed(tempDir(), METROPOLITAN.slice(12, 24));
    await ingestPaths(store, readdressed(tempDir(), METROPOLITAN.slice(24, 26)));
    // Hold the store the way any ombuds writer does (read, think, write) while both processes start. Without the
    // lock they would write in the meantime and our write, based on the older read, would drop their letters.
    const release = await lockfile.lock(store, { realpath: false });
    const read = JSON.parse(readFileSync(store, "utf8"));
    const env = { ...process.env, OMBUDS_DB: store };
    const both = Promise.all([
      run(process.execPath, ["bin/ombuds.js", "ingest", ...a], { env }),
      run(process.execPath, ["bin/ombuds.js", "ingest", ...b], { env }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    writeFileSync(store, JSON.stringify({ ...read, subscriptions: [SUBSCRIPTION] }));
    await release();
    const results = await both;
    expect(results.map((r) => r.stdout)).toEqual([
      expect.stringContaining("12 added"),
      expect.stringContaining("12 added"),
    ]);
    const { data } = await readStore(store);
    expect(data.letters).toHaveLength(26);
    expect(data.subscriptions).toEqual([SUBSCRIPTION]);
  });
});
