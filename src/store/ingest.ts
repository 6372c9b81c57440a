import { withAverageWarnings } from "../letters/checks.ts";
import { ParseError } from "../letters/error.ts";
import { findLetterFiles, parseFiles, type ReadOptions } from "../letters/read.ts";
import type { Letter } from "../letters/schema.ts";
import { withoutSharedParagraphs } from "../letters/shared.ts";
import { countFigures, describeChanges } from "./changes.ts";
import type { StoreData } from "./schema.ts";
import { changeStore, type StoreOptions } from "./store.ts";

export interface IngestReport {
  added: string[];
  /** Each replaced record, with what changed ("stats.upheld.rate 81 → 79", "concerns: 2 → 3", at most ~10). */
  updated: { id: string; file: string; changes: string[] }[];
  unchanged: string[];
  /** Files not stored because the stored letter for their id has more figures (see `IngestOptions.replace`). */
  kept: { id: string; file: string; reason: string }[];
  failed: ParseError[];
}

export interface IngestOptions {
  /** Replace a stored letter even with a record that has fewer figures (`ombuds ingest --replace`). */
  replace?: boolean;
}

/**
 * Merge parsed letters into the store, keyed by authority and year (the record's id): a new key is added, the same
 * record again is unchanged, a different record for a stored key replaces it and is reported as updated, with what
 * changed. A record with fewer figures than the stored one never replaces it (a parser or file that reads less is
 * not news): the stored letter is kept and the file reported in `kept`, unless `replace` is set. Two files of one
 * batch with the same key are a conflict: the first is kept, the second fails. One write for the batch.
 */
export async function ingestLetters(
  storeFile: string,
  parsed: readonly Letter[],
  options: IngestOptions & StoreOptions = {},
): Promise<IngestReport> {
  const failed: ParseError[] = [];
  const batch = new Map<string, Letter>();
  for (const letter of parsed) {
    const first = batch.get(letter.id);
    if (first && first.source.sha256 !== letter.source.sha256) {
      failed.push(
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
  const withFailed = (report: IngestReport) => ({ ...report, failed: [...report.failed, ...failed] });
  if (batch.size === 0) return withFailed(emptyReport());

  // Merged first without the lock: a start-up over letters already stored changes nothing, so it needs neither the
  // lock nor a writable folder (a store in a read-only folder still answers).
  return withFailed(await changeStore(storeFile, (data) => merge(data, batch, options), options));
}

const emptyReport = (): IngestReport => ({ added: [], updated: [], unchanged: [], kept: [], failed: [] });

/** `batch` merged into `data` (edited in place) and what that did; may be run twice, so it changes nothing else. */
function merge(
  data: StoreData,
  batch: ReadonlyMap<string, Letter>,
  options: IngestOptions,
): { changed: boolean; result: IngestReport } {
  const report = emptyReport();
  const before = new Map(data.letters.map((letter) => [letter.id, letter]));
  const incoming: Letter[] = [];
  for (const letter of batch.values()) {
    const stored = before.get(letter.id);
    const figures = countFigures(letter);
    const storedFigures = stored ? countFigures(stored) : 0;
    if (stored && !options.replace && figures < storedFigures) {
      report.kept.push({
        id: letter.id,
        file: letter.source.file,
        reason: `has ${figures} figure${figures === 1 ? "" : "s"} where the stored letter (from ${stored.source.file}) has ${storedFigures}; stored letter kept; use --replace to replace it`,
      });
    } else {
      incoming.push(letter);
    }
  }
  const byId = new Map(before);
  for (const letter of incoming) byId.set(letter.id, letter);
  // The averages check compares each new letter with every stored letter of its year and type; a concern whose
  // words other councils' letters of the year share is a paragraph every council got. A stored letter of those
  // years is checked again too: the third letter to share a paragraph shows it to be general.
  const all = [...byId.values()];
  const years = new Set(incoming.map((letter) => letter.year));
  const incomingIds = new Set(incoming.map((letter) => letter.id));
  const storedSameYear = all.filter((letter) => years.has(letter.year) && !incomingIds.has(letter.id));
  const general = new Set(
    withoutSharedParagraphs(storedSameYear, all).filter((letter) => !storedSameYear.includes(letter)),
  );
  const checked = [...withAverageWarnings(withoutSharedParagraphs(incoming, all), all), ...general];
  const ingested = new Map(data.ingested.map((entry) => [entry.id, entry]));
  const at = new Date().toISOString();
  let changed = false;
  for (const letter of checked) {
    const old = before.get(letter.id);
    if (old && JSON.stringify(old) === JSON.stringify(letter)) {
      report.unchanged.push(letter.id);
      continue;
    }
    if (old)
      report.updated.push({
        id: letter.id,
        file: letter.source.file,
        changes: describeChanges(old, letter),
      });
    else report.added.push(letter.id);
    before.set(letter.id, letter);
    ingested.set(letter.id, { id: letter.id, at, change: old ? "updated" : "added" });
    changed = true;
  }
  if (changed) {
    data.letters = [...before.values()].sort(compareIds);
    data.ingested = [...ingested.values()].sort(compareIds);
  }
  return { changed, result: report };
}

const compareIds = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `ombuds ingest`: files and folders → store. Files that fail are reported; the others are still stored. */
export async function ingestPaths(
  storeFile: string,
  paths: readonly string[],
  options: ReadOptions & IngestOptions & StoreOptions = {},
): Promise<IngestReport> {
  const files = await findLetterFiles(paths);
  const { letters, failed } = await parseFiles(files, options);
  const report = await ingestLetters(storeFile, letters, options);
  report.failed.unshift(...failed);
  return report;
}
