import { spawn } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { describe, expect, it } from "vitest";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { parseLetter } from "../../src/letters/index.ts";
import { ingestPaths, readStore, SCHEMA_VERSION, StoreData, StoreError } from "../../src/store/index.ts";
import { migrate, warningCodeOf } from "../../src/store/migrate.ts";
import { randomSpec, seeded, writeLetter } from "../../testkit/letters.ts";
import { subscription } from "../fixtures/subscriptions.ts";
import { readdressed, sampleFolder, tempDir } from "../support/tmp.ts";

/**
 * `ombuds ingest <files>` in a process of its own, on `store`. `lockBusy` resolves when it first finds the store's
 * lock taken (test/store/report-lock-waits.cjs says so on stderr).
 */
function ingestProcess(store: string, files: string[]) {
  const child = spawn(
    process.execPath,
    ["--require", "./test/store/report-lock-waits.cjs", "bin/ombuds.js", "ingest", ...files],
    { env: { ...process.env, OMBUDS_DB: store }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  const lockBusy = new Promise<void>((resolve) => {
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      if (stderr.includes("lock busy: ")) resolve();
    });
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { lockBusy: Promise.race([lockBusy, done.then(() => undefined)]), done };
}
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
    expect(Object.keys(raw)).toEqual([
      "schemaVersion",
      "letters",
      "ingested",
      "subscriptions",
      "digests",
      "files",
    ]);
    expect(raw.ingested.map((i: { id: string; change: string }) => [i.id, i.change])).toEqual(
      report.added.sort().map((id) => [id, "added"]),
    );
    expect(raw.schemaVersion).toBe(SCHEMA_VERSION);
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
    // 7 upheld of 15 investigations is 47%: the figures still agree, so none is left empty.
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("40% of complaints", "47% of complaints")
        .replace("6\nupheld decisions", "7\nupheld decisions"),
    );
    const report = await ingestPaths(store, [letters]);
    expect(report.updated.map((u) => u.id)).toEqual(["bury/2020"]);
    expect(report.updated[0]?.changes).toEqual(["stats.upheld.rate 40 → 47", "stats.upheld.count 6 → 7"]);
    expect(report.unchanged).toHaveLength(4);
    const bury = (await readStore(store)).data.letters.find((l) => l.id === "bury/2020");
    expect(bury?.stats.upheld).toMatchObject({ rate: 47, count: 7 });
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
    ["holds an invalid letter", JSON.stringify({ schemaVersion: SCHEMA_VERSION, letters: [{ id: "x" }] })],
    [
      "holds an invalid letter in a version-1 store",
      JSON.stringify({ schemaVersion: 1, letters: [{ id: "x" }] }),
    ],
    ["was written by a newer ombuds", JSON.stringify({ schemaVersion: SCHEMA_VERSION + 1, letters: [] })],
    ["has no schemaVersion", JSON.stringify({ letters: [] })],
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
    expect(raw.schemaVersion).toBe(SCHEMA_VERSION);
    expect(raw.extra).toEqual({ from: "a newer ombuds" });
    expect(raw.subscriptions).toEqual([SUBSCRIPTION]);
    expect(raw.letters).toHaveLength(5);
  });
});

describe("a version-1 store (written before per-100,000 figures and the complaint overview)", () => {
  /** The five sample letters, a subscription or two and their digests, as ombuds with schemaVersion 1 stored them. */
  const V1 = "test/fixtures/store-v1.json";
  const v1 = () => JSON.parse(readFileSync(V1, "utf8"));
  const copyV1 = (text = readFileSync(V1, "utf8")) => {
    const store = join(tempDir(), "db.json");
    writeFileSync(store, text);
    return store;
  };
  /**
   * What migration should make of a version-1 letter: the two keys of version 2, null; each warning given the code
   * its message meant (version 3); nothing else touched.
   */
  const asV3 = (letter: {
    stats: { upheld: object | null } & object;
    warnings: { field: string; message: string }[];
  }) => ({
    ...letter,
    stats: {
      ...letter.stats,
      upheld: letter.stats.upheld && { ...letter.stats.upheld, perHundredThousand: null },
      overview: null,
    },
    warnings: letter.warnings.map((w) => ({
      field: w.field,
      code: warningCodeOf(w.message),
      message: w.message,
    })),
  });

  it("loads with every letter, subscription and digest intact, and reading it writes nothing", async () => {
    const store = copyV1();
    const before = { bytes: readFileSync(store), mtime: statSync(store).mtimeMs };
    const { data } = await readStore(store);
    const old = v1();
    expect(data.schemaVersion).toBe(SCHEMA_VERSION);
    expect(data.letters).toEqual(old.letters.map(asV3));
    // Bath and North East Somerset's one warning was about a missing section: "not_found".
    expect(data.letters[0]?.warnings.map((w) => w.code)).toEqual(["not_found"]);
    expect(data.letters.map((l) => l.id)).toEqual([
      "bath-and-north-east-somerset/2020",
      "bromsgrove/2020",
      "bury/2020",
      "sefton/2020",
      "stockport/2020",
    ]);
    expect(data.ingested).toEqual(old.ingested);
    expect(data.subscriptions).toEqual(old.subscriptions);
    expect(data.digests).toEqual(old.digests);
    expect(readFileSync(store).equals(before.bytes)).toBe(true);
    expect(statSync(store).mtimeMs).toBe(before.mtime);
  });

  it("with an invalid letter is still refused, naming the field, and left byte-for-byte untouched", async () => {
    const old = v1();
    old.letters[3].stats.upheld.rate = 181;
    const text = JSON.stringify(old);
    const store = copyV1(text);
    const error = await ingestPaths(store, [sampleFolder()]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toMatch(
      /is not an ombuds store \(schemaVersion 1\): letters\.3\.stats\.upheld\.rate: .*left untouched/,
    );
    await expect(readStore(store)).rejects.toThrow("letters.3.stats.upheld.rate");
    expect(readFileSync(store, "utf8")).toBe(text);
  });

  describe("migrate (no files)", () => {
    it("adds stats.overview: null to every letter and perHundredThousand: null to every upheld stat", () => {
      const old = v1();
      const migrated = migrate(old) as { schemaVersion: number; letters: unknown[] };
      expect(migrated.schemaVersion).toBe(3);
      expect(migrated.letters).toEqual(old.letters.map(asV3));
      // Bath and North East Somerset's letter has no statistics: its upheld stays null, nothing is invented.
      expect(migrated.letters[0]).toMatchObject({
        stats: { upheld: null, compliance: null, remedy: null, overview: null },
      });
      expect(StoreData.safeParse(migrated).success).toBe(true);
    });

    it("keeps everything else exactly, including keys it does not know, and never changes its input", () => {
      const old = { ...v1(), extra: { from: "a newer feature" } };
      const copy = structuredClone(old);
      const migrated = migrate(old) as typeof old;
      expect(old).toEqual(copy);
      expect(migrated).toEqual({ ...copy, schemaVersion: 3, letters: copy.letters.map(asV3) });
    });

    it("leaves a current store, a newer one and foreign shapes as they are, for validation to judge", () => {
      const current = { schemaVersion: SCHEMA_VERSION, letters: [] };
      expect(migrate(current)).toBe(current);
      for (const other of [
        { schemaVersion: SCHEMA_VERSION + 1, letters: [{ stats: {} }] },
        { users: [{ name: "x" }] },
        [],
        "text",
        null,
      ]) {
        expect(migrate(other)).toEqual(other);
      }
    });

    it("gives a version-2 warning the code the parser gives the same message today", () => {
      // Every kind of warning the parser writes, over generated letters of every year with lines dropped: the
      // migration reads back from each message exactly the code the parser now stores with it.
      const authorities = loadAuthorities();
      const random = seeded(31);
      const seen = new Set<string>();
      for (let i = 0; i < 600; i++) {
        const lines = writeLetter(randomSpec(random, authorities.all)).split("\n");
        const kept = lines.filter(() => random() > 0.04).join("\n");
        const result = parseLetter(kept, `${i}.txt`, { authorities });
        if (!result.ok) continue;
        for (const warning of result.value.warnings) {
          seen.add(warning.code);
          expect(warningCodeOf(warning.message), warning.message).toBe(warning.code);
        }
      }
      expect(seen.size).toBeGreaterThanOrEqual(5);
      const v2 = {
        schemaVersion: 2,
        letters: [
          {
            id: "x",
            warnings: [
              { field: "stats.upheld.rate", message: "not calculable: no investigations in the period" },
            ],
          },
        ],
      };
      expect(migrate(v2)).toEqual({
        schemaVersion: 3,
        letters: [
          {
            id: "x",
            warnings: [
              {
                field: "stats.upheld.rate",
                code: "not_calculable",
                message: "not calculable: no investigations in the period",
              },
            ],
          },
        ],
      });
    });

    it("passes a malformed version-1 letter through unchanged, so validation names its field", () => {
      const migrated = migrate({ schemaVersion: 1, letters: [{ id: "x" }, 7] });
      expect(migrated).toEqual({ schemaVersion: 3, letters: [{ id: "x" }, 7] });
      const parsed = StoreData.safeParse(migrated);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path.slice(0, 2)).toEqual(["letters", 0]);
    });
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
    const processes = [a, b].map((files) => ingestProcess(store, files));
    // Both have parsed their letters and found the store locked: now write, and let them in.
    await Promise.all(processes.map((p) => p.lockBusy));
    writeFileSync(store, JSON.stringify({ ...read, subscriptions: [SUBSCRIPTION] }));
    await release();
    const results = await Promise.all(processes.map((p) => p.done));
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    // Each waited on the lock, and said nothing else.
    expect(results.map((r) => r.stderr.replace(/^lock busy: .*\n/gm, ""))).toEqual(["", ""]);
    expect(results.map((r) => r.stderr)).toEqual([
      expect.stringContaining("lock busy: "),
      expect.stringContaining("lock busy: "),
    ]);
    expect(results.map((r) => r.stdout)).toEqual([
      expect.stringContaining("12 added"),
      expect.stringContaining("12 added"),
    ]);
    const { data } = await readStore(store);
    expect(data.letters).toHaveLength(26);
    expect(data.subscriptions).toEqual([SUBSCRIPTION]);
  });
});
