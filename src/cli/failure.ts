import { ConfigError } from "../config.ts";
import { StoreError } from "../store/store.ts";

/** The file-system failures a person can mend, in their words rather than the system call's. */
const FILE_PROBLEM: Record<string, string> = {
  ENOENT: "does not exist, or a folder on its path does not",
  ENOTDIR: "a part of the path is a file, not a folder",
  // Only making a folder meets this here: a file of that name is in the way.
  EEXIST: "is a file where a folder is needed",
  EISDIR: "is a folder, where a file was expected",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "is on a read-only file system",
  ENOSPC: "the disk is full",
};

/**
 * The line that says why a command stopped, `ombuds: <what>: <why>`: a setting (the variable), the store or another
 * file (its path). Null for anything else, which is a bug and keeps its stack trace.
 */
export function failureLine(error: unknown): string | null {
  if (error instanceof ConfigError || error instanceof StoreError) return `ombuds: ${error.message}`;
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  const problem = code === undefined ? undefined : FILE_PROBLEM[code];
  if (problem !== undefined && path !== undefined) return `ombuds: ${path}: ${problem}`;
  return null;
}
