import { readdir, readFile, stat } from "node:fs/promises";
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

export async function readLetterFile(file: string, options: ParseOptions = {}): Promise<ParseResult<Letter>> {
  const name = displayPath(file);
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, error: new ParseError(name, "file", "is not a file") };
    if (info.size > MAX_BYTES) {
      return {
        ok: false,
        error: new ParseError(name, "file", `is ${info.size} bytes; a letter is at most ${MAX_BYTES}`),
      };
    }
    return parseLetter(await readFile(file), name, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? (error as Error).message})`;
    return { ok: false, error: new ParseError(name, "file", reason) };
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
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((e) => !e.startsWith(".")).sort();
      for (const entry of entries) await walk(join(path, entry), false);
    } else if (named || LETTER_EXTENSIONS.includes(extname(path).toLowerCase())) {
      out.push(path);
    }
  };
  for (const path of paths) await walk(path, true);
  return out;
}
