import fsp from "node:fs/promises";
import { resolve, sep } from "node:path";
import type { StoreFs } from "../../src/store/index.ts";

/** Root passes chmod's permissions, so a folder made read-only by chmod stops only other users. */
export const AS_ROOT = process.getuid?.() === 0;

export const failure = (code: string, syscall: string, path: unknown) =>
  Object.assign(new Error(`${code}: ${syscall} '${String(path)}'`), { code, syscall, path: String(path) });

const inside = (folder: string, path: unknown) => {
  const full = resolve(String(path));
  return full === folder || full.startsWith(folder + sep);
};

/**
 * The file system as seen by a user who cannot write to `folder` (chmod 0555 for anyone but root, or a read-only
 * mount): reads work, every change fails with `code`. `changes` lists the changes attempted.
 */
export function readOnlyFs(folder: string, code = "EACCES"): StoreFs & { changes: string[] } {
  const root = resolve(folder);
  const changes: string[] = [];
  type Call = (path: unknown, ...rest: unknown[]) => Promise<unknown>;
  const deny =
    (name: string, real: unknown): Call =>
    (path, ...rest) => {
      if (!inside(root, path)) return (real as Call)(path, ...rest);
      changes.push(`${name} ${String(path)}`);
      return Promise.reject(failure(code, name, path));
    };
  return {
    ...fsp,
    changes,
    mkdir: deny("mkdir", fsp.mkdir),
    writeFile: deny("writeFile", fsp.writeFile),
    rename: deny("rename", fsp.rename),
    unlink: deny("unlink", fsp.unlink),
    rmdir: deny("rmdir", fsp.rmdir),
    chmod: deny("chmod", fsp.chmod),
    chown: deny("chown", fsp.chown),
    utimes: deny("utimes", fsp.utimes),
    open: ((path: string, flags?: string, mode?: number) =>
      flags === undefined || flags === "r"
        ? fsp.open(path, flags, mode)
        : deny("open", fsp.open)(path)) as StoreFs["open"],
  } as unknown as StoreFs & { changes: string[] };
}

/**
 * A disk that fills up while the store's temporary file is written: `at` is the step that fails with ENOSPC (the
 * write, having written half the text; the flush to disk; or the rename over the store).
 */
export function fullDisk(at: "write" | "sync" | "rename"): StoreFs {
  const enospc = (syscall: string, path: unknown) => failure("ENOSPC", syscall, path);
  return {
    ...fsp,
    rename: (from, to) => (at === "rename" ? Promise.reject(enospc("rename", from)) : fsp.rename(from, to)),
    open: (async (path: string, flags?: string, mode?: number) => {
      const handle = await fsp.open(path, flags, mode);
      if (!String(path).endsWith(".tmp")) return handle;
      if (at === "write") {
        handle.writeFile = async (data: unknown) => {
          await handle.write(String(data).slice(0, String(data).length / 2));
          throw enospc("write", path);
        };
      }
      if (at === "sync") handle.sync = () => Promise.reject(enospc("fsync", path));
      return handle;
    }) as StoreFs["open"],
  };
}
