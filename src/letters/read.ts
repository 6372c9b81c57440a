import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { ParseError, type ParseResult } from "./error.ts";
import { type ParseOptions, parseLetter } from "./parse.ts";
import type { Letter } from "./schema.ts";

/** Letters are a few kilobytes; anything this large is not one, and is refused before it is read whole. */
const MAX_BYTES = 2 * 1024 * 1024;
export const LETTER_EXTENSIONS = [".txt", ".md"];

/** How a file is named in records and messages: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/**
 * Read and parse one file. Synchronous: letters are small, parsing is synchronous work anyway, and ten thousand
 * small asynchronous reads spend more time passing through the thread pool than reading.
 */
export function readLetterFile(file: string, options: ParseOptions = {}): ParseResult<Letter> {
  const name = displayPath(file);
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, error: new ParseError(name, "file", "is not a file") };
    if (info.size > MAX_BYTES) {
      return {
        ok: false,
        error: new ParseError(name, "file", `is ${info.size} bytes; a letter is at most ${MAX_BYTES}`),
      };
    }
    return parseLetter(readFileSync(fd), name, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "does not exist"
        : code === "EISDIR"
          ? "is not a file"
          : `cannot be read (${code ?? (error as Error).message})`;
    return { ok: false, error: new ParseError(name, "file", reason) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The letter files named by `paths`: files as given, folders walked (sorted, so runs are repeatable), keeping
 * .txt and .md. A path that does not exist is returned as-is so that reading it reports the failure.
 */
export async function findLetterFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (path: string, named: boolean): Promise<void> => {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      if (named) out.push(path);
      return;
    }
    if (info.isDirectory()) await walkFolder(path);
    else if (named || LETTER_EXTENSIONS.includes(extname(path).toLowerCase())) out.push(path);
  };
  // Inside a folder the entries' types come with the listing: no stat per file.
  const walkFolder = async (folder: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true }))
      .filter((e) => !e.name.startsWith("."))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walkFolder(path);
      else if (entry.isFile() && LETTER_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
        out.push(path);
      else if (entry.isSymbolicLink()) await walk(path, false);
    }
  };
  for (const path of paths) await walk(path, true);
  return out;
}
