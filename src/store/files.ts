import fsp from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * The file-system calls the store makes, so that a test can make one of them fail as a full disk or a read-only
 * folder would (running as root, chmod stops nothing). Calls are looked up on the object when made, never bound
 * at import, so a preloaded script that patches `fs.promises` sees them too.
 */
export type StoreFs = Pick<
  typeof fsp,
  | "chmod"
  | "chown"
  | "mkdir"
  | "open"
  | "readdir"
  | "readFile"
  | "rename"
  | "rmdir"
  | "stat"
  | "unlink"
  | "utimes"
  | "writeFile"
>;

export const nodeFs: StoreFs = fsp;

export const errorCode = (error: unknown): string | undefined =>
  (error as NodeJS.ErrnoException | undefined)?.code;

const ignoreMissing = (error: unknown) => {
  if (errorCode(error) !== "ENOENT") throw error;
};

/** `.db.json.<pid>.<random>.tmp`: dot-named beside the store, so the rename that replaces it stays on one disk. */
function temporaryName(file: string): string {
  const random = Math.floor(Math.random() * 0x1_0000_0000)
    .toString(16)
    .padStart(8, "0");
  return join(dirname(file), `.${basename(file)}.${process.pid}.${random}.tmp`);
}

/** Temporary files of this store, ours (above) and lowdb's (`.db.json.tmp`), by name. */
function isTemporaryOf(file: string, name: string): boolean {
  const prefix = `.${basename(file)}.`;
  return name.startsWith(prefix) && name.endsWith(".tmp");
}

/**
 * Remove temporary files a writer left when it was killed mid-write. Only called under the store's lock: every
 * write happens under it, so no temporary file present can be one still being written.
 */
export async function removeLeftovers(file: string, fs: StoreFs): Promise<void> {
  const names = await fs.readdir(dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    if (isTemporaryOf(file, name)) await fs.unlink(join(dirname(file), name)).catch(() => {});
  }
}

/**
 * Replace `file` with `text` so that a reader sees the old store or the new one, never part of either: write a
 * temporary file beside it, flush it to disk, then rename it over the old one. The new file gets the old one's
 * permissions (and, for root, its owner): a store made readable only by its service account stays so. On any failure
 * (a full disk on write, flush or rename) the temporary file is removed and the old store is untouched.
 */
export async function writeAtomically(file: string, text: string, fs: StoreFs): Promise<void> {
  const old = await fs.stat(file).catch((error: unknown) => {
    ignoreMissing(error);
    return null;
  });
  const mode = old ? old.mode & 0o7777 : 0o666;
  const temporary = temporaryName(file);
  let handle: Awaited<ReturnType<StoreFs["open"]>> | undefined;
  try {
    // Created with at most the old file's permissions, so it is never more readable than the store it replaces.
    handle = await fs.open(temporary, "wx", mode);
    await handle.writeFile(text, "utf8");
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (old) {
      // open() is subject to the umask; chmod is not, and gives back exactly the old permissions.
      await fs.chmod(temporary, mode);
      const uid = process.getuid?.();
      if (uid === 0 && (old.uid !== uid || old.gid !== process.getgid?.())) {
        await fs.chown(temporary, old.uid, old.gid);
      }
    }
    await fs.rename(temporary, file);
  } catch (error) {
    await handle?.close().catch(() => {});
    await fs.unlink(temporary).catch(() => {});
    throw error;
  }
  await syncFolder(dirname(file), fs);
}

/** The rename is durable only once the folder is flushed; some systems cannot open a folder to flush it. */
async function syncFolder(folder: string, fs: StoreFs): Promise<void> {
  try {
    const handle = await fs.open(folder, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {}
}
