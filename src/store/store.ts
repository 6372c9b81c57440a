import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { Low } from "lowdb";
import { DataFile } from "lowdb/node";
import lockfile from "proper-lockfile";
import { migrate } from "./migrate.ts";
import { emptyStore, SCHEMA_VERSION, StoreData } from "./schema.ts";

/** Why the store cannot be used. The file it names is left exactly as it was. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "StoreError";
  }
}

/** The store as one validated document. `data` is what was on disk when it was read. */
export interface Store {
  readonly file: string;
  readonly data: StoreData;
}

function validate(file: string, text: string): StoreData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreError(file, `is not JSON (${(error as Error).message}); it was left untouched`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new StoreError(file, "is not an ombuds store (not a JSON object); it was left untouched");
  }
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version === "number" && version > SCHEMA_VERSION) {
    throw new StoreError(
      file,
      `was written by a newer ombuds (schemaVersion ${version}, this one reads ${SCHEMA_VERSION}); it was left untouched`,
    );
  }
  // An older store is brought up to this version in memory; it is written as this version only when next written.
  const parsed = StoreData.safeParse(migrate(raw));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "(top level)";
    const read = typeof version === "number" && version < SCHEMA_VERSION ? ` (schemaVersion ${version})` : "";
    throw new StoreError(
      file,
      `is not an ombuds store${read}: ${where}: ${issue?.message}; it was left untouched`,
    );
  }
  return parsed.data;
}

/**
 * One record a line: a diff shows which letters changed, and the file is a third the size of indented JSON, which
 * keeps loading a 10,000-letter store fast.
 */
export function stringify(data: StoreData): string {
  const entries = Object.entries(data).map(([key, value]) =>
    Array.isArray(value) && value.length > 0
      ? `  ${JSON.stringify(key)}: [\n${value.map((item) => `    ${JSON.stringify(item)}`).join(",\n")}\n  ]`
      : `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{\n${entries.join(",\n")}\n}\n`;
}

function database(file: string): Low<StoreData> {
  const adapter = new DataFile<StoreData>(file, {
    parse: (text) => validate(file, text),
    stringify,
  });
  return new Low(adapter, emptyStore());
}

async function readInto(db: Low<StoreData>, file: string): Promise<void> {
  try {
    await db.read();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new StoreError(file, `cannot be read (${code ?? (error as Error).message})`);
  }
}

/**
 * Read the store; a missing file is an empty store. Throws `StoreError` for anything else it cannot use. An older
 * store comes back migrated to this version, and the file is not touched: it is written as this version only when
 * `updateStore` next changes something.
 */
export async function readStore(file: string): Promise<Store> {
  const db = database(file);
  await readInto(db, file);
  return { file, data: db.data };
}

/**
 * Change the store under an exclusive lock, so two processes (two `ombuds ingest`s, the bot and a CLI) never lose
 * each other's writes: read fresh, let `change` edit the data, write once (lowdb writes a temporary file and renames
 * it over the old one, so a crash mid-write leaves the old store whole). `change` returns whether it changed
 * anything; nothing is written when it did not. A file that cannot be read is never written.
 */
export async function updateStore<T>(
  file: string,
  change: (data: StoreData) => { changed: boolean; result: T },
): Promise<T> {
  await mkdir(dirname(file), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: 30_000,
      retries: { retries: 200, factor: 1.3, minTimeout: 10, maxTimeout: 500 },
    });
  } catch (error) {
    throw new StoreError(
      file,
      `is locked by another ombuds process and stayed locked (${(error as Error).message})`,
    );
  }
  try {
    const db = database(file);
    await readInto(db, file);
    const { changed, result } = change(db.data);
    if (changed) {
      try {
        await db.write();
      } catch (error) {
        throw new StoreError(
          file,
          `could not be written (${(error as Error).message}); the previous store is intact`,
        );
      }
    }
    return result;
  } finally {
    await release();
  }
}
