import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findLetterFiles } from "../../src/letters/files.ts";
import { displayPath } from "../../src/letters/read.ts";
import { tempDir } from "../support/tmp.ts";

/** What displayPath has always meant: relative to the working folder when inside it, else as given. */
const byRelative = (file: string, cwd: string) => {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
};

describe("a letter file's name in records and messages", () => {
  it("is the file relative to the working folder when inside it, and as given otherwise, however it is written", () => {
    const part = fc.constantFrom(
      "a",
      "b",
      "..",
      ".",
      "",
      "letters",
      "2020",
      "x.txt",
      "..x.txt",
      "Sefton.PDF",
    );
    const path = fc
      .tuple(fc.boolean(), fc.array(part, { minLength: 1, maxLength: 6 }), fc.boolean())
      .map(([absolute, parts, trailing]) => `${absolute ? "/" : ""}${parts.join("/")}${trailing ? "/" : ""}`);
    const cwd = fc.constantFrom(process.cwd(), "/", "/tmp", "/tmp/a", "/work/main/a/b");
    fc.assert(
      fc.property(path, cwd, (file, at) => {
        expect(displayPath(file, at)).toBe(byRelative(file, at));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the letter files of a folder", () => {
  it("are its .txt, .md and .pdf files in any case, sorted, under every folder, hidden ones and others left out", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "2020"));
    mkdirSync(join(dir, "2021", "late"), { recursive: true });
    for (const name of [
      "2020/sefton.txt",
      "2020/Bury.TXT",
      "2020/notes.docx",
      "2020/.hidden.txt",
      "2021/a.md",
    ])
      writeFileSync(join(dir, name), "x");
    writeFileSync(join(dir, "2021", "late", "z.pdf"), "x");
    writeFileSync(join(dir, "readme"), "x");
    symlinkSync(join(dir, "2020", "sefton.txt"), join(dir, "linked.txt"));
    for (const given of [dir, `${dir}/`, `${dir}/./2020/..`]) {
      expect(await findLetterFiles([given])).toEqual(
        ["2020/Bury.TXT", "2020/sefton.txt", "2021/a.md", "2021/late/z.pdf", "linked.txt"].map((f) =>
          join(dir, f),
        ),
      );
    }
  });
});
