import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { withAverageWarnings } from "../letters/checks.ts";
import { ParseError } from "../letters/error.ts";
import { type Found, findLetterFiles, surveyLetterFiles } from "../letters/files.ts";
import { displayPath, parseFiles, type ReadOptions } from "../letters/read.ts";
import type { Letter } from "../letters/schema.ts";
import { withoutSharedParagraphs } from "../letters/shared.ts";
import { PARSER_VERSION } from "../letters/version.ts";
import { countFigures, describeChanges } from "./changes.ts";
import { nodeFs } from "./files.ts";
import { type FileIndex, indexOf, scanFileIndex } from "./records.ts";
import type { FileRecord, StoreData } from "./schema.ts";
import { changeStore, readStore, StoreError, type StoreOptions } from "./store.ts";

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
export function ingestLetters(
  storeFile: string,
  parsed: readonly Letter[],
  options: IngestOptions & StoreOptions = {},
): Promise<IngestReport> {
  return ingest(storeFile, parsed, noPlan(), options);
}

/**
 * Which files of an ingest need reading. A file is skipped, its letter reported unchanged, when the store's record
 * of it (`files`) was made by this parser, the stored letter it names still comes from this file with the hash
 * recorded, and either its size and modification time are as recorded or its bytes still hash to the same sha256
 * (a touched file: its record is brought up to date).
 */
interface FilePlan {
  toParse: string[];
  /** Skipped files: the stored letter's id, the file's record (a new one for a touched file). */
  skipped: { id: string; file: string; sha256: string; record: FileRecord; touched: boolean }[];
  /** Size and modification time of each file to parse, by display path, taken before it is read. */
  stats: Map<string, { size: number; mtimeMs: number }>;
}

const noPlan = (): FilePlan => ({ toParse: [], skipped: [], stats: new Map() });

/** Larger files are never hashed here: reading one refuses it (read.ts). */
const MAX_HASHED_BYTES = 20 * 1024 * 1024;

function planFiles(found: readonly Found[], index: FileIndex | undefined): FilePlan {
  const plan = noPlan();
  const records = new Map((index?.files ?? []).map((record) => [record.path, record]));
  for (const { file, stat: info } of found) {
    const path = displayPath(file);
    if (info === null) {
      plan.toParse.push(file);
      continue;
    }
    const stat = { size: info.size, mtimeMs: info.mtimeMs };
    const record = records.get(path);
    const source = record && index?.sources.get(record.id);
    const current =
      info.isFile &&
      record?.parser === PARSER_VERSION &&
      source?.file === path &&
      source.sha256 === record.sha256;
    if (current && stat.size === record.size && stat.mtimeMs === record.mtimeMs) {
      plan.skipped.push({ id: record.id, file: path, sha256: record.sha256, record, touched: false });
      continue;
    }
    if (current && stat.size <= MAX_HASHED_BYTES && sha256Of(file) === record.sha256) {
      plan.skipped.push({
        id: record.id,
        file: path,
        sha256: record.sha256,
        record: { ...record, ...stat },
        touched: true,
      });
      continue;
    }
    plan.stats.set(path, stat);
    plan.toParse.push(file);
  }
  return plan;
}

/**
 * The store's file records and letters' sources: scanned from its text when it is as ombuds writes it, or else read
 * and validated. None when it cannot be read: the ingest proper reads it again and says what is wrong with it.
 */
async function readFileIndex(storeFile: string, options: StoreOptions): Promise<FileIndex | undefined> {
  try {
    const text = await (options.fs ?? nodeFs).readFile(storeFile, "utf8");
    return scanFileIndex(text) ?? indexOf((await readStore(storeFile, options)).data);
  } catch {
    return undefined;
  }
}

function sha256Of(file: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

async function ingest(
  storeFile: string,
  parsed: readonly Letter[],
  plan: FilePlan,
  options: IngestOptions & StoreOptions,
): Promise<IngestReport> {
  const failed: ParseError[] = [];
  const batch = new Map<string, Letter>();
  // A skipped file holds its letter's id as a file of this batch would: another file with that id conflicts.
  const claimed = new Map(plan.skipped.map((skip) => [skip.id, skip.file]));
  const hashes = new Map(plan.skipped.map((skip) => [skip.id, skip.sha256]));
  for (const letter of parsed) {
    const first = batch.get(letter.id);
    const firstFile = first?.source.file ?? claimed.get(letter.id);
    const firstHash = first?.source.sha256 ?? hashes.get(letter.id);
    if (firstFile !== undefined && firstHash !== letter.source.sha256) {
      failed.push(
        new ParseError(
          letter.source.file,
          "id",
          `${letter.id} is also in ${firstFile} (same council and year)`,
        ),
      );
    } else if (firstFile === undefined) {
      batch.set(letter.id, letter);
    }
  }
  const withFailed = (report: IngestReport) => ({ ...report, failed: [...report.failed, ...failed] });
  if (batch.size === 0 && !plan.skipped.some((skip) => skip.touched)) {
    return withFailed({ ...emptyReport(), unchanged: plan.skipped.map((skip) => skip.id) });
  }

  // Merged first without the lock: a start-up over letters already stored changes nothing, so it needs neither the
  // lock nor a writable folder (a store in a read-only folder still answers).
  let lettersChanged = false;
  let last: IngestReport | undefined;
  const change = (data: StoreData) => {
    const merged = merge(data, batch, plan, options);
    lettersChanged = merged.lettersChanged;
    last = merged.result;
    return merged;
  };
  try {
    return withFailed(await changeStore(storeFile, change, options));
  } catch (error) {
    // Only records of touched files to bring up to date: the store is as good without them (a store in a
    // read-only folder still starts); those files are hashed again next time.
    if (error instanceof StoreError && !lettersChanged && last) return withFailed(last);
    throw error;
  }
}

const emptyReport = (): IngestReport => ({ added: [], updated: [], unchanged: [], kept: [], failed: [] });

/** `batch` merged into `data` (edited in place) and what that did; may be run twice, so it changes nothing else. */
function merge(
  data: StoreData,
  batch: ReadonlyMap<string, Letter>,
  plan: FilePlan,
  options: IngestOptions,
): { changed: boolean; lettersChanged: boolean; result: IngestReport } {
  const report = emptyReport();
  const files = new Map(data.files.map((record) => [record.path, record]));
  const record = (letter: Letter) => {
    const stat = plan.stats.get(letter.source.file);
    // A letter stored from a file this ingest did not stat (given as a record, or read against other councils):
    // any record of that file no longer describes it.
    if (!stat) files.delete(letter.source.file);
    else
      files.set(letter.source.file, {
        path: letter.source.file,
        ...stat,
        sha256: letter.source.sha256,
        parser: PARSER_VERSION,
        id: letter.id,
      });
  };
  const skipped = new Set(plan.skipped.map((skip) => skip.id));
  for (const skip of plan.skipped) if (skip.touched) files.set(skip.file, skip.record);
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
      if (!skipped.has(letter.id)) report.unchanged.push(letter.id);
      if (incomingIds.has(letter.id) && plan.stats.has(letter.source.file)) record(letter);
      continue;
    }
    if (old)
      report.updated.push({
        id: letter.id,
        file: letter.source.file,
        changes: describeChanges(old, letter),
      });
    else report.added.push(letter.id);
    if (incomingIds.has(letter.id)) record(letter);
    before.set(letter.id, letter);
    ingested.set(letter.id, { id: letter.id, at, change: old ? "updated" : "added" });
    changed = true;
  }
  // A skipped file's letter is unchanged, unless checking the batch's letters changed it (reported as updated).
  const updated = new Set(report.updated.map((update) => update.id));
  for (const id of skipped) if (!updated.has(id)) report.unchanged.push(id);
  if (changed) {
    data.letters = [...before.values()].sort(compareIds);
    data.ingested = [...ingested.values()].sort(compareIds);
  }
  const records = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const filesChanged = JSON.stringify(records) !== JSON.stringify(data.files);
  if (filesChanged) data.files = records;
  return { changed: changed || filesChanged, lettersChanged: changed, result: report };
}

const compareIds = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface IngestPathsOptions extends ReadOptions, IngestOptions, StoreOptions {
  /** What reads and parses the files that need it (tests count the files read); `parseFiles` by default. */
  parseFiles?: typeof parseFiles;
}

/**
 * `ombuds ingest` and the start-up ingest: files and folders → store. Files that fail are reported; the others are
 * still stored. A file the store has a current record of (`FilePlan`) is not read again: its letter is reported
 * unchanged. A change of `PARSER_VERSION` reads every file again.
 */
export async function ingestPaths(
  storeFile: string,
  paths: readonly string[],
  options: IngestPathsOptions = {},
): Promise<IngestReport> {
  const { parseFiles: parse = parseFiles, ...rest } = options;
  // Letters read against another list of councils are not what the records describe: read them all, record none.
  const found = rest.authorities ? undefined : await surveyLetterFiles(paths);
  const plan = !found
    ? { ...noPlan(), toParse: await findLetterFiles(paths) }
    : found.length === 0
      ? noPlan()
      : planFiles(found, await readFileIndex(storeFile, rest));
  const { letters, failed } = await parse(plan.toParse, rest);
  const report = await ingest(storeFile, letters, plan, rest);
  report.failed.unshift(...failed);
  return report;
}

/**
 * The letter files under `paths` that an ingest into the store `index` describes would read (new, changed since
 * they were stored, failed before) or whose record it would bring up to date (touched): none means the ingest would
 * change nothing. Start-up asks this of the store it has just loaded for answering, so that an unchanged folder
 * costs a walk and a stat a file, not a second read of the store.
 */
export function staleOf(found: readonly Found[], index: FileIndex): string[] {
  const plan = planFiles(found, index);
  return [...plan.toParse, ...plan.skipped.filter((skip) => skip.touched).map((skip) => skip.file)];
}
