import { dirname } from "node:path";
import { type Adapter, Low } from "lowdb";
import { identityOf, readChecked, vouchedFor, writeChecked } from "./checked.ts";
import { errorCode, nodeFs, removeLeftovers, type StoreFs, writeAtomically } from "./files.ts";
import { LockBusy, lock } from "./lock.ts";
import { migrate } from "./migrate.ts";
import { emptyStore, SCHEMA_VERSION, StoreData } from "./schema.ts";

/** Why the store cannot be used. The file it names is left exactly as it was. */
export class StoreError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${reason}`, options);
    this.name = "StoreError";
  }
}

/** The store as one validated document. `data` is what was on disk when it was read. */
export interface Store {
  readonly file: string;
  readonly data: StoreData;
}

/** A store the record vouches for, as JSON; null (validate in full) if it is somehow not this version's object. */
function parseTrusted(text: string): StoreData | null {
  try {
    const raw = JSON.parse(text) as { schemaVersion?: unknown } | null;
    return raw !== null && typeof raw === "object" && raw.schemaVersion === SCHEMA_VERSION
      ? (raw as StoreData)
      : null;
  } catch {
    return null;
  }
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

/**
 * lowdb over the store file: read through `validate`, written by `writeAtomically` (lowdb's own writer would give a
 * new file default permissions and leave its temporary file behind when the disk is full).
 */
class StoreFile implements Adapter<StoreData> {
  constructor(
    private readonly file: string,
    private readonly fs: StoreFs,
  ) {}

  async read(): Promise<StoreData | null> {
    let text: string;
    let identity: string | null;
    try {
      const before = await identityOf(this.file, this.fs);
      text = await this.fs.readFile(this.file, "utf8");
      // Replaced while it was read: who knows which file the bytes are, so the identity vouches for nothing.
      identity = before !== null && before === (await identityOf(this.file, this.fs)) ? before : null;
    } catch (error) {
      if (errorCode(error) === "ENOENT") return null;
      throw error;
    }
    // Written by this ombuds under this schema, and unchanged since (src/store/checked.ts): parsed, not validated.
    if (vouchedFor(await readChecked(this.file, this.fs), text, identity)) {
      const trusted = parseTrusted(text);
      if (trusted) return trusted;
    }
    return validate(this.file, text);
  }

  async write(data: StoreData): Promise<void> {
    const text = stringify(data);
    await writeAtomically(this.file, text, this.fs);
    await writeChecked(this.file, text, this.fs);
  }
}

function database(file: string, fs: StoreFs): Low<StoreData> {
  return new Low(new StoreFile(file, fs), emptyStore());
}

async function readInto(db: Low<StoreData>, file: string): Promise<void> {
  try {
    await db.read();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    // The cause kept: an ingest tells a file it could not read from one it read and could not use.
    throw new StoreError(file, `cannot be read (${errorCode(error) ?? (error as Error).message})`, {
      cause: error,
    });
  }
}

export interface StoreOptions {
  /** The file-system calls to make (tests: a full disk, a read-only folder). */
  fs?: StoreFs;
}

/**
 * Read the store; a missing file is an empty store. Throws `StoreError` for anything else it cannot use. An older
 * store comes back migrated to this version, and the file is not touched: it is written as this version only when
 * `updateStore` next changes something. Takes no lock (a write replaces the file whole), so it works in a folder
 * ombuds cannot write to.
 */
export async function readStore(file: string, options: StoreOptions = {}): Promise<Store> {
  const db = database(file, options.fs ?? nodeFs);
  await readInto(db, file);
  return { file, data: db.data };
}

/** Failures of a folder that waiting or retrying cannot mend: the store there cannot be changed by this user. */
const NOT_WRITABLE = new Set(["EACCES", "EPERM", "EROFS"]);

/** A failure to make the store's folder or its lock, as a `StoreError` that names the folder and why. */
function lockFailure(file: string, folder: string, error: unknown): StoreError {
  if (error instanceof LockBusy) {
    return new StoreError(
      file,
      `is locked by another ombuds process (${error.holder}) and stayed locked for a minute; if no ombuds is running, remove ${error.folder}`,
    );
  }
  const code = errorCode(error);
  if (code && NOT_WRITABLE.has(code)) {
    return new StoreError(
      file,
      `cannot be changed: the folder ${folder} is not writable (${code}); the store was left as it was`,
    );
  }
  return new StoreError(file, `cannot be locked (${(error as Error).message}); the store was left as it was`);
}

/** Run `work` holding the store's lock, after making its folder; a folder that cannot be written fails at once. */
async function underLock<T>(file: string, fs: StoreFs, work: () => Promise<T>): Promise<T> {
  const folder = dirname(file);
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    // Anything else (a file in the way) is the system's error, which names the path that could not be made.
    if (NOT_WRITABLE.has(errorCode(error) ?? "")) throw lockFailure(file, folder, error);
    throw error;
  }
  let release: () => Promise<void>;
  try {
    release = await lock(file, fs);
  } catch (error) {
    throw lockFailure(file, folder, error);
  }
  try {
    return await work();
  } finally {
    await release();
  }
}

/** Write `db` (under the lock): first clearing temporary files a killed writer left. */
async function save(db: Low<StoreData>, file: string, fs: StoreFs): Promise<void> {
  await removeLeftovers(file, fs);
  try {
    await db.write();
  } catch (error) {
    throw new StoreError(
      file,
      `could not be written (${(error as Error).message}); the previous store is intact`,
    );
  }
}

/**
 * Which file is at `file` now. Every write replaces the file (a new inode, new times), so the same answer twice means
 * nothing was written in between. An error gives an answer that matches nothing: read again.
 */
async function version(file: string, fs: StoreFs): Promise<string> {
  try {
    const stat = await fs.stat(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch (error) {
    return errorCode(error) === "ENOENT" ? "none" : `unknown ${Math.random()}`;
  }
}

/**
 * Change the store under an exclusive lock, so two processes (two `ombuds ingest`s, the bot and a CLI) never lose
 * each other's writes: read fresh, let `change` edit the data, write once (a temporary file renamed over the old
 * one, so a crash mid-write leaves the old store whole). `change` returns whether it changed anything; nothing is
 * written when it did not. A file that cannot be read is never written. A folder ombuds cannot write to fails at
 * once, naming it; a lock whose holder has died (`kill -9`) is taken over at once.
 */
export async function updateStore<T>(
  file: string,
  change: (data: StoreData) => { changed: boolean; result: T },
  options: StoreOptions = {},
): Promise<T> {
  const fs = options.fs ?? nodeFs;
  return underLock(file, fs, async () => {
    const db = database(file, fs);
    await readInto(db, file);
    const { changed, result } = change(db.data);
    if (changed) await save(db, file, fs);
    return result;
  });
}

/**
 * `updateStore` for a `change` that does nothing but edit the data it is given, so that it may run twice. It runs
 * first on the store read without the lock: when that changes nothing (a start-up over letters all stored), there is
 * no lock and no write, and a store in a folder ombuds cannot write to still works. When it changes something, the
 * lock is taken; if the file was not replaced meanwhile, that result is written, or else `change` runs again on
 * the store read under the lock. The read is safe without the lock: a write replaces the file whole.
 */
export async function changeStore<T>(
  file: string,
  change: (data: StoreData) => { changed: boolean; result: T },
  options: StoreOptions = {},
): Promise<T> {
  const fs = options.fs ?? nodeFs;
  const seen = await version(file, fs);
  const db = database(file, fs);
  try {
    await readInto(db, file);
  } catch (error) {
    // A store read and found unusable stops here; one that could not be read at all (a file where its folder should
    // be) is left to the locked attempt, which says what is in the way.
    if (error instanceof StoreError && error.cause === undefined) throw error;
    return updateStore(file, change, options);
  }
  const first = change(db.data);
  if (!first.changed) return first.result;
  return underLock(file, fs, async () => {
    if ((await version(file, fs)) === seen) {
      await save(db, file, fs);
      return first.result;
    }
    const fresh = database(file, fs);
    await readInto(fresh, file);
    const again = change(fresh.data);
    if (again.changed) await save(fresh, file, fs);
    return again.result;
  });
}
