import { mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { surveyLetterFiles } from "../../src/letters/files.ts";
import { packSurvey, surveyBeside, surveyInThread } from "../../src/letters/survey.ts";
import { runThreadsFrom } from "../../src/worker-thread.ts";
import { tempDir } from "../support/tmp.ts";

function folder(): string {
  const dir = tempDir();
  mkdirSync(join(dir, "2020"));
  writeFileSync(join(dir, "2020", "sefton.txt"), "Sefton's letter");
  writeFileSync(join(dir, "2020", "bury.md"), "Bury");
  writeFileSync(join(dir, "2020", "notes.docx"), "not a letter");
  utimesSync(join(dir, "2020", "bury.md"), 1_600_000_000, 1_600_000_000.5);
  return dir;
}

describe("start-up's survey of the letters folder", () => {
  it("finds each letter file with its size, modification time and kind", async () => {
    const dir = folder();
    const missing = join(dir, "gone.txt");
    const found = await surveyLetterFiles([dir, missing]);
    const sefton = statSync(join(dir, "2020", "sefton.txt"));
    expect(found).toEqual([
      { file: join(dir, "2020", "bury.md"), stat: { size: 4, mtimeMs: 1_600_000_000_500, isFile: true } },
      { file: join(dir, "2020", "sefton.txt"), stat: { size: 15, mtimeMs: sefton.mtimeMs, isFile: true } },
      // Named but not there: kept, so that reading it reports the failure.
      { file: missing, stat: null },
    ]);
  });

  it("gives the same survey from its own thread as in the caller's", async () => {
    const dir = folder();
    const paths = [dir, join(dir, "gone.txt")];
    expect(await surveyInThread(paths)).toEqual(await surveyLetterFiles(paths));
  });

  it("gives the same survey from a thread that runs the TypeScript sources (through tsx, as the bench and tsx do)", async () => {
    const dir = folder();
    const paths = [dir, join(dir, "gone.txt")];
    // The other tests' threads run from the bundles (test/support/thread-bundles.ts); this one from the sources.
    runThreadsFrom(null);
    try {
      expect(await surveyInThread(paths)).toEqual(await surveyLetterFiles(paths));
    } finally {
      runThreadsFrom(inject("bundles"));
    }
  });

  it("sends a survey between threads as it was, a missing file's stat included", () => {
    const found = [
      { file: "a.txt", stat: { size: 0, mtimeMs: 1.5, isFile: false } },
      { file: "b.txt", stat: null },
    ];
    const { files, numbers } = packSurvey(found);
    expect(files).toEqual(["a.txt", "b.txt"]);
    expect([...numbers]).toEqual([0, 1.5, 0, Number.NaN, Number.NaN, 0]);
  });

  it("surveys the folder as it is when asked, beside a small store or with none", async () => {
    const dir = folder();
    const store = join(dir, "db.json");
    writeFileSync(store, "{}");
    for (const storeFile of [store, join(dir, "no-store.json")]) {
      const survey = surveyBeside([dir], storeFile);
      // Below the size a thread pays for, nothing is looked at until the survey is asked for.
      rmSync(join(dir, "2020", "bury.md"), { force: true });
      expect((await survey()).map((f) => f.file)).toEqual([join(dir, "2020", "sefton.txt")]);
    }
  });

  it("gives the same survey beside a large store (from a thread started before the store is read)", async () => {
    const dir = folder();
    const store = join(dir, "db.json");
    writeFileSync(store, Buffer.alloc(9 * 1024 * 1024, 32));
    const survey = surveyBeside([dir], store);
    expect(await survey()).toEqual(await surveyLetterFiles([dir]));
  });
});
