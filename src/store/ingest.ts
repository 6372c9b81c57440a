import { withAverageWarnings } from "../letters/checks.ts";
import { ParseError } from "../letters/error.ts";
import type { ParseOptions } from "../letters/parse.ts";
import { findLetterFiles, readLetterFile } from "../letters/read.ts";
import type { Letter } from "../letters/schema.ts";
import { updateStore } from "./store.ts";

export interface IngestReport {
  added: string[];
  updated: string[];
  unchanged: string[];
  failed: ParseError[];
}

export function parseFiles(
  files: readonly string[],
  options: ParseOptions = {},
): { letters: Letter[]; failed: ParseError[] } {
  const letters: Letter[] = [];
  const failed: ParseError[] = [];
  for (const file of files) {
    const result = readLetterFile(file, options);
    if (result.ok) letters.push(result.value);
    else failed.push(result.error);
  }
  return { letters, failed };
}

/**
 * Merge parsed letters into the store, keyed by authority and year (the record's id): a new key is added, the same
 * record again is unchanged, a different record for a stored key replaces it and is reported as updated. Two files
 * of one batch with the same key are a conflict: the first is kept, the second fails. One write for the batch.
 */
export async function ingestLetters(storeFile: string, parsed: readonly Letter[]): Promise<IngestReport> {
  const report: IngestReport = { added: [], updated: [], unchanged: [], failed: [] };
  const batch = new Map<string, Letter>();
  for (const letter of parsed) {
    const first = batch.get(letter.id);
    if (first && first.source.sha256 !== letter.source.sha256) {
      report.failed.push(
        new ParseError(
          letter.source.file,
          "id",
          `${letter.id} is also in ${first.source.file} (same council and year)`,
        ),
      );
    } else if (!first) {
      batch.set(letter.id, letter);
    }
  }
  if (batch.size === 0) return report;

  return updateStore(storeFile, (data) => {
    const byId = new Map(data.letters.map((letter) => [letter.id, letter]));
    for (const letter of batch.values()) byId.set(letter.id, letter);
    // The averages check compares each new letter with every stored letter of its year and type.
    const checked = withAverageWarnings([...batch.values()], [...byId.values()]);
    const before = new Map(data.letters.map((letter) => [letter.id, letter]));
    const ingested = new Map(data.ingested.map((entry) => [entry.id, entry]));
    const at = new Date().toISOString();
    let changed = false;
    for (const letter of checked) {
      const old = before.get(letter.id);
      if (old && JSON.stringify(old) === JSON.stringify(letter)) {
        report.unchanged.push(letter.id);
        continue;
      }
      (old ? report.updated : report.added).push(letter.id);
      before.set(letter.id, letter);
      ingested.set(letter.id, { id: letter.id, at, change: old ? "updated" : "added" });
      changed = true;
    }
    if (changed) {
      data.letters = [...before.values()].sort(compareIds);
      data.ingested = [...ingested.values()].sort(compareIds);
    }
    return { changed, result: report };
  });
}

const compareIds = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `ombuds ingest`: files and folders → store. Files that fail are reported; the others are still stored. */
export async function ingestPaths(
  storeFile: string,
  paths: readonly string[],
  options: ParseOptions = {},
): Promise<IngestReport> {
  const files = await findLetterFiles(paths);
  const { letters, failed } = parseFiles(files, options);
  const report = await ingestLetters(storeFile, letters);
  report.failed.unshift(...failed);
  return report;
}
