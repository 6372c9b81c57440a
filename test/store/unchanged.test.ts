import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { surveyLetterFiles } from "../../src/letters/files.ts";
import { parseFiles } from "../../src/letters/read.ts";
import { PARSER_VERSION } from "../../src/letters/version.ts";
import { ingestLetters, ingestPaths, staleOf } from "../../src/store/ingest.ts";
import { indexOf, scanFileIndex } from "../../src/store/records.ts";
import { readStore } from "../../src/store/store.ts";
import { readdressed, sampleFolder, tempDir } from "../support/tmp.ts";
import { readOnlyFs } from "./faults.ts";

/** `parseFiles`, noting the names of the files it is asked to read. */
function counting() {
  const read: string[] = [];
  const parse: typeof parseFiles = (files, options) => {
    read.push(...files.map((file) => basename(file)));
    return parseFiles(files, options);
  };
  return { read, parseFiles: parse };
}

async function ingested(): Promise<{ store: string; letters: string; bury: string }> {
  const store = join(tempDir(), "db.json");
  const letters = sampleFolder();
  const report = await ingestPaths(store, [letters]);
  expect(report.added).toHaveLength(5);
  return { store, letters, bury: join(letters, "2020", "bury.txt") };
}

const recordOf = async (store: string, name: string) =>
  (await readStore(store)).data.files.find((record) => basename(record.path) === name);

const rewriteStore = (store: string, edit: (raw: Record<string, unknown>) => void) => {
  const raw = JSON.parse(readFileSync(store, "utf8"));
  edit(raw);
  writeFileSync(store, JSON.stringify(raw));
};

describe("an ingest over files the store holds already", () => {
  it("records each file it stored: path, size, modification time, sha256, parser version, letter", async () => {
    const { store, bury } = await ingested();
    const { data } = await readStore(store);
    expect(data.files).toHaveLength(5);
    const record = await recordOf(store, "bury.txt");
    const letter = data.letters.find((l) => l.id === "bury/2020");
    expect(record).toEqual({
      path: letter?.source.file,
      size: statSync(bury).size,
      mtimeMs: statSync(bury).mtimeMs,
      sha256: letter?.source.sha256,
      parser: PARSER_VERSION,
      id: "bury/2020",
    });
  });

  it("does not read an unchanged folder again, and writes nothing", async () => {
    const { store, letters } = await ingested();
    const before = { bytes: readFileSync(store), mtime: statSync(store).mtimeMs };
    const counter = counting();
    const report = await ingestPaths(store, [letters], { parseFiles: counter.parseFiles });
    expect(counter.read).toEqual([]);
    expect(report).toMatchObject({ added: [], updated: [], kept: [], failed: [] });
    expect(report.unchanged.sort()).toEqual((await readStore(store)).data.letters.map((l) => l.id));
    expect(readFileSync(store).equals(before.bytes)).toBe(true);
    expect(statSync(store).mtimeMs).toBe(before.mtime);
  });

  it("trusts size and modification time: a file garbled in place with both kept is not read", async () => {
    const store = join(tempDir(), "db.json");
    const letters = sampleFolder();
    const bury = join(letters, "2020", "bury.txt");
    // A whole second, which setting the time again gives back exactly.
    const at = new Date("2026-01-05T10:00:00Z");
    utimesSync(bury, at, at);
    await ingestPaths(store, [letters]);
    writeFileSync(bury, Buffer.alloc(statSync(bury).size, 0));
    utimesSync(bury, at, at);
    const report = await ingestPaths(store, [letters]);
    expect(report.failed).toEqual([]);
    expect(report.unchanged).toHaveLength(5);
    // Any other time, and the garbled file is read (and refused); the stored letter stays.
    const later = new Date("2026-01-05T10:00:01Z");
    utimesSync(bury, later, later);
    const next = await ingestPaths(store, [letters]);
    expect(next.failed.map((e) => basename(e.file))).toEqual(["bury.txt"]);
    expect((await readStore(store)).data.letters.map((l) => l.id)).toContain("bury/2020");
  });

  it("does not re-parse a touched file (new modification time, same bytes); its record takes the new time", async () => {
    const { store, letters, bury } = await ingested();
    const lettersBefore = (await readStore(store)).data.letters;
    const later = new Date(statSync(bury).mtimeMs + 60_000);
    utimesSync(bury, later, later);
    const counter = counting();
    const report = await ingestPaths(store, [letters], { parseFiles: counter.parseFiles });
    expect(counter.read).toEqual([]);
    expect(report).toMatchObject({ added: [], updated: [], kept: [], failed: [] });
    expect(report.unchanged).toHaveLength(5);
    expect((await recordOf(store, "bury.txt"))?.mtimeMs).toBe(statSync(bury).mtimeMs);
    expect((await readStore(store)).data.letters).toEqual(lettersBefore);
    // …and the next ingest needs no hashing either: size and time match again.
    const again = counting();
    await ingestPaths(store, [letters], { parseFiles: again.parseFiles });
    expect(again.read).toEqual([]);
  });

  it("re-parses a changed file, and only that one", async () => {
    const { store, letters, bury } = await ingested();
    writeFileSync(
      bury,
      readFileSync(bury, "utf8")
        .replace("40% of complaints", "47% of complaints")
        .replace("6\nupheld decisions", "7\nupheld decisions"),
    );
    const counter = counting();
    const report = await ingestPaths(store, [letters], { parseFiles: counter.parseFiles });
    expect(counter.read).toEqual(["bury.txt"]);
    expect(report.updated.map((u) => u.id)).toEqual(["bury/2020"]);
    expect(report.unchanged).toHaveLength(4);
    const { data } = await readStore(store);
    const letter = data.letters.find((l) => l.id === "bury/2020");
    expect(letter?.stats.upheld).toMatchObject({ rate: 47, count: 7 });
    expect(await recordOf(store, "bury.txt")).toMatchObject({
      size: statSync(bury).size,
      mtimeMs: statSync(bury).mtimeMs,
      sha256: letter?.source.sha256,
    });
  });

  it("reads every file again when its record was made by another parser version", async () => {
    const { store, letters } = await ingested();
    rewriteStore(store, (raw) => {
      for (const record of raw.files as { parser: number }[]) record.parser = PARSER_VERSION - 1;
    });
    const counter = counting();
    const report = await ingestPaths(store, [letters], { parseFiles: counter.parseFiles });
    expect(counter.read.sort()).toEqual([
      "bath-and-north-east-somerset.txt",
      "bromsgrove.txt",
      "bury.txt",
      "sefton.txt",
      "stockport.txt",
    ]);
    expect(report.unchanged).toHaveLength(5);
    expect((await readStore(store)).data.files.map((r) => r.parser)).toEqual(Array(5).fill(PARSER_VERSION));
  });

  it("reads a file again when the stored letter no longer comes from it (replaced from another file)", async () => {
    const { store, letters } = await ingested();
    const { data } = await readStore(store);
    const bury = data.letters.find((l) => l.id === "bury/2020");
    if (!bury) throw new Error("no bury");
    const elsewhere = structuredClone(bury);
    elsewhere.source = { file: "elsewhere/bury.txt", sha256: "0".repeat(64) };
    expect((await ingestLetters(store, [elsewhere])).updated.map((u) => u.id)).toEqual(["bury/2020"]);
    const counter = counting();
    const report = await ingestPaths(store, [letters], { parseFiles: counter.parseFiles });
    expect(counter.read).toEqual(["bury.txt"]);
    expect(report.updated.map((u) => u.id)).toEqual(["bury/2020"]);
  });

  it("works with a store written before file records: reads every file once, then records them", async () => {
    const { store, letters } = await ingested();
    rewriteStore(store, (raw) => {
      delete raw.files;
    });
    expect((await readStore(store)).data.files).toEqual([]);
    const first = counting();
    const report = await ingestPaths(store, [letters], { parseFiles: first.parseFiles });
    expect(first.read).toHaveLength(5);
    expect(report).toMatchObject({ added: [], updated: [], kept: [], failed: [] });
    expect(report.unchanged).toHaveLength(5);
    expect((await readStore(store)).data.files).toHaveLength(5);
    const second = counting();
    await ingestPaths(store, [letters], { parseFiles: second.parseFiles });
    expect(second.read).toEqual([]);
  });

  it("an older store in a folder it cannot write to still ingests: the file records are left for later", async () => {
    const { store, letters } = await ingested();
    rewriteStore(store, (raw) => {
      delete raw.files;
    });
    const before = readFileSync(store);
    const folder = join(store, "..");
    const report = await ingestPaths(store, [letters], { fs: readOnlyFs(folder, "EROFS") });
    expect(report).toMatchObject({ added: [], updated: [], kept: [], failed: [] });
    expect(report.unchanged).toHaveLength(5);
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it("a file not stored for having fewer figures is read again each time and reported again", async () => {
    const { store, letters, bury } = await ingested();
    writeFileSync(bury, readFileSync(bury, "utf8").replace("40% of complaints", "n/a of complaints"));
    for (let run = 0; run < 2; run += 1) {
      const counter = counting();
      const report = await ingestPaths(store, [letters], { parseFiles: counter.parseFiles });
      expect(counter.read).toEqual(["bury.txt"]);
      expect(report.kept.map((k) => k.id)).toEqual(["bury/2020"]);
      expect(report.unchanged).toHaveLength(4);
    }
    const replaced = await ingestPaths(store, [letters], { replace: true });
    expect(replaced.updated.map((u) => u.id)).toEqual(["bury/2020"]);
    const counter = counting();
    const after = await ingestPaths(store, [letters], { parseFiles: counter.parseFiles });
    expect(counter.read).toEqual([]);
    expect(after.unchanged).toHaveLength(5);
  });

  it("finds the records by scanning the store's text as ombuds writes it; any other form is read properly", async () => {
    const { store, letters } = await ingested();
    const text = readFileSync(store, "utf8");
    const scanned = scanFileIndex(text);
    expect(scanned).toEqual(indexOf((await readStore(store)).data));
    expect(scanned?.sources.size).toBe(5);
    const raw = JSON.parse(text);
    expect(scanFileIndex(JSON.stringify(raw, null, 2))).toBeUndefined();
    expect(scanFileIndex(text.replace(/"schemaVersion": \d+/, '"schemaVersion": 2'))).toBeUndefined();
    expect(scanFileIndex(text.replace('"source":{"file":', '"source":{"path":'))).toBeUndefined();
    // A store indented by hand still has its files skipped, through a proper read.
    writeFileSync(store, JSON.stringify(raw, null, 2));
    const counter = counting();
    const report = await ingestPaths(store, [letters], { parseFiles: counter.parseFiles });
    expect(counter.read).toEqual([]);
    expect(report.unchanged).toHaveLength(5);
  });
});

describe("start-up's check of the letters folder against the store it loaded (staleOf)", () => {
  const staleIn = async (store: string, letters: string) =>
    staleOf(await surveyLetterFiles([letters]), indexOf((await readStore(store)).data)).map((file) =>
      basename(file),
    );

  it("finds nothing to read in a folder the store holds, unchanged: start-up then ingests nothing", async () => {
    const { store, letters } = await ingested();
    expect(await staleIn(store, letters)).toEqual([]);
  });

  it("names a new file, an edited one, one only touched, and one that failed before", async () => {
    const { store, letters, bury } = await ingested();
    writeFileSync(join(letters, "2020", "not-a-letter.txt"), "Minutes of the scrutiny committee.\n");
    await ingestPaths(store, [letters]);
    writeFileSync(bury, readFileSync(bury, "utf8").replace("Bury", "Bury "));
    const sefton = join(letters, "2020", "sefton.txt");
    utimesSync(sefton, new Date(2030, 0, 1), new Date(2030, 0, 1));
    readdressed(join(letters, "2020"), ["Wigan Metropolitan Borough Council"]);
    expect((await staleIn(store, letters)).sort()).toEqual(
      ["bury.txt", "letter-0.txt", "not-a-letter.txt", "sefton.txt"].sort(),
    );
  });

  it("names every file when the store holds nothing yet", async () => {
    const letters = sampleFolder();
    expect(await staleIn(join(tempDir(), "db.json"), letters)).toHaveLength(5);
  });
});
