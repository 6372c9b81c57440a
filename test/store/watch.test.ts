import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, it, type TestContext } from "vitest";
import { type LetterWatch, WatchRefused, watchLetters } from "../../src/store/watch.ts";

/*
 * The letters folder's watch on a real folder, with waits shortened: a file must stay unchanged for 300 ms before
 * it is reported, and files reported within 100 ms of each other make one batch. The tests mostly wait, so they run
 * at once; each has a folder of its own under one removed at the end (test/support/tmp.ts removes every folder it
 * made after each test, which would pull folders from under the tests still running).
 */

const root = mkdtempSync(join(tmpdir(), "ombuds-watch-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let folders = 0;
const tempDir = () => mkdtempSync(join(root, `${folders++}-`));

const TIMINGS = { stabilityMs: 300, pollMs: 25, debounceMs: 100 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Batch {
  files: string[];
  /** Each file's text when the batch was handed on. */
  texts: string[];
}

describe.concurrent("watching the letters folder", () => {
  /** Closed when the test ends, whatever it found. */
  const closeAtEnd = (context: TestContext, watch: LetterWatch) =>
    context.onTestFinished(() => watch.close());

  async function watching(
    context: TestContext,
    folder: string,
    options: Parameters<typeof watchLetters>[2] = {},
  ) {
    const batches: Batch[] = [];
    let wake = () => {};
    const watch = watchLetters(
      folder,
      async (files) => {
        batches.push({ files, texts: files.map((file) => readFileSync(file, "utf8")) });
        wake();
      },
      { ...TIMINGS, ...options },
    );
    if (watch instanceof WatchRefused) throw watch;
    closeAtEnd(context, watch);
    await watch.ready;
    /** Resolves when `count` batches have come, or fails after 3 s. */
    const until = async (count: number) => {
      const deadline = Date.now() + 3000;
      while (batches.length < count) {
        if (Date.now() > deadline) throw new Error(`${batches.length} batches after 3 s, wanted ${count}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
    };
    return { watch, batches, until };
  }

  it("reads a file written in two parts with a pause once, whole", async (context) => {
    const { expect } = context;
    const folder = tempDir();
    const { batches, until } = await watching(context, folder);
    const file = join(folder, "sefton.txt");
    writeFileSync(file, "first half, ");
    await sleep(150);
    appendFileSync(file, "second half");
    await until(1);
    // Long enough for a second report to have come, if there were one.
    await sleep(TIMINGS.stabilityMs + 200);
    expect(batches).toEqual([{ files: [file], texts: ["first half, second half"] }]);
  });

  it("hands a burst of files on as one batch, sorted, in sub-folders too, leaving out other files", async (context) => {
    const { expect } = context;
    const folder = tempDir();
    mkdirSync(join(folder, "2025"));
    const { batches, until } = await watching(context, folder);
    const names = ["2025/sefton.txt", "2025/bury.md", "kent.pdf", "2025/stockport.TXT"];
    for (const name of names) writeFileSync(join(folder, name), name);
    // Not letters, or hidden as the ingest's walk hides them (an editor's swap file).
    writeFileSync(join(folder, "notes.docx"), "x");
    writeFileSync(join(folder, "2025/.sefton.txt.swp"), "x");
    await until(1);
    await sleep(TIMINGS.stabilityMs + 200);
    expect(batches.map((batch) => batch.files)).toEqual([names.map((name) => join(folder, name)).sort()]);
  });

  it("does not report what was in the folder when it began, and reports a change to it", async (context) => {
    const { expect } = context;
    const folder = tempDir();
    const file = join(folder, "bury.txt");
    writeFileSync(file, "before");
    const { batches, until } = await watching(context, folder);
    await sleep(TIMINGS.stabilityMs + 200);
    expect(batches).toEqual([]);
    writeFileSync(file, "after");
    await until(1);
    expect(batches).toEqual([{ files: [file], texts: ["after"] }]);
  });

  it("holds batches until it is told to begin, then hands on what came meanwhile", async (context) => {
    const { expect } = context;
    const folder = tempDir();
    let begin = () => {};
    const holdUntil = new Promise<void>((resolve) => {
      begin = resolve;
    });
    const { batches, until } = await watching(context, folder, { holdUntil });
    writeFileSync(join(folder, "a.txt"), "a");
    writeFileSync(join(folder, "b.txt"), "b");
    await sleep(TIMINGS.stabilityMs + 300);
    expect(batches).toEqual([]);
    begin();
    await until(1);
    expect(batches.map((batch) => batch.files)).toEqual([[join(folder, "a.txt"), join(folder, "b.txt")]]);
  });

  it("after close, reports nothing more; close waits for a batch under way", async (context) => {
    const { expect } = context;
    const folder = tempDir();
    let finished = false;
    let started = () => {};
    const begun = new Promise<void>((resolve) => {
      started = resolve;
    });
    const watch = watchLetters(
      folder,
      async () => {
        started();
        await sleep(200);
        finished = true;
      },
      TIMINGS,
    );
    if (watch instanceof WatchRefused) throw watch;
    await watch.ready;
    writeFileSync(join(folder, "a.txt"), "a");
    await begun;
    await watch.close();
    expect(finished).toBe(true);

    let reported = false;
    const closed = watchLetters(
      folder,
      async () => {
        reported = true;
      },
      TIMINGS,
    );
    if (closed instanceof WatchRefused) throw closed;
    await closed.ready;
    await closed.close();
    writeFileSync(join(folder, "b.txt"), "b");
    await sleep(TIMINGS.stabilityMs + 200);
    expect(reported).toBe(false);
  });

  it("a batch whose handler fails is reported, and the next batch still comes", async (context) => {
    const { expect } = context;
    const folder = tempDir();
    const errors: unknown[] = [];
    let calls = 0;
    const watch = watchLetters(
      folder,
      async () => {
        calls++;
        if (calls === 1) throw new Error("the store is locked");
      },
      { ...TIMINGS, onError: (error) => errors.push(error) },
    );
    if (watch instanceof WatchRefused) throw watch;
    closeAtEnd(context, watch);
    await watch.ready;
    writeFileSync(join(folder, "a.txt"), "a");
    await expect.poll(() => errors.length, { timeout: 2000 }).toBe(1);
    writeFileSync(join(folder, "b.txt"), "b");
    await expect.poll(() => calls, { timeout: 2000 }).toBe(2);
    expect(String(errors[0])).toContain("the store is locked");
  });

  it("a folder that does not exist is refused with a reason, not watched in silence", ({ expect }) => {
    const missing = join(tempDir(), "letters");
    const watch = watchLetters(missing, async () => {});
    expect(watch).toBeInstanceOf(WatchRefused);
    expect((watch as WatchRefused).message).toBe(`${missing}: does not exist, so it is not watched`);
  });
});
