import { statSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { extname, normalize, sep } from "node:path";

// Which files are letters, and what they are on disk. Nothing here reads a file, so a thread that only surveys a
// folder (survey.ts) loads this and nothing of the parser.

export const LETTER_EXTENSIONS = [".txt", ".md", ".pdf"];

/** Whether a file name has one of LETTER_EXTENSIONS, in any case: `extname`'s reading, for a name not starting with a dot. */
function isLetterName(name: string): boolean {
  const dot = name.lastIndexOf(".");
  return dot > 0 && LETTER_EXTENSIONS.includes(name.slice(dot).toLowerCase());
}

/**
 * The letter files named by `paths`: files as given, folders walked (sorted, so runs are repeatable), keeping
 * .txt, .md and .pdf. A path that does not exist is returned as-is so that reading it reports the failure.
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
  // Inside a folder the entries' types come with the listing: no stat per file. Each entry's path is the folder's
  // (normalised once) and its name, as `join` would make it, and its extension is read off the name: `join` and
  // `extname` for each of 30,000 files were most of a start-up's walk.
  const walkFolder = async (folder: string): Promise<void> => {
    const base = normalize(folder);
    const prefix = base === "." ? "" : base.endsWith(sep) ? base : base + sep;
    const entries = (await readdir(folder, { withFileTypes: true }))
      .filter((e) => !e.name.startsWith("."))
      // Names in one folder are distinct: no two compare equal.
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const path = prefix + entry.name;
      if (entry.isDirectory()) await walkFolder(path);
      else if (entry.isFile() && isLetterName(entry.name)) out.push(path);
      else if (entry.isSymbolicLink()) await walk(path, false);
    }
  };
  for (const path of paths) await walk(path, true);
  return out;
}

/** A letter file as found: what an ingest compares with its record of the file. */
export interface Found {
  file: string;
  /** Null when it cannot be stat'ed (gone since the walk, or never there): reading it reports why. */
  stat: { size: number; mtimeMs: number; isFile: boolean } | null;
}

/** `findLetterFiles`, each file with its size and modification time. */
export async function surveyLetterFiles(paths: readonly string[]): Promise<Found[]> {
  return (await findLetterFiles(paths)).map((file) => {
    const info = statSync(file, { throwIfNoEntry: false });
    return { file, stat: info ? { size: info.size, mtimeMs: info.mtimeMs, isFile: info.isFile() } : null };
  });
}
