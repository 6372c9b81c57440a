import type { Readable, Writable } from "node:stream";

/**
 * Where a command reads and writes, and the environment its settings come from: the process's own, or a test's, so
 * that a test can run a command in its own process and read what it printed.
 */
export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Unset: `process.env`, after `.env` (see `loadConfig`). */
  env?: NodeJS.ProcessEnv;
}

export function processIo(): Io {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}
