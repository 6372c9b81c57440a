import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/log.ts";

/** The structured log lines a logger wrote, parsed, so tests can find a reference, an error or a warning. */
export class LogLines extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    for (const line of chunk.toString().split("\n").filter(Boolean)) this.lines.push(JSON.parse(line));
    done();
  }
  /** Lines at `level` ("warn", "error"…) whose message contains `text`. */
  find(level: "info" | "warn" | "error", text: string): Record<string, unknown>[] {
    const number = { info: 30, warn: 40, error: 50 }[level];
    return this.lines.filter((l) => l.level === number && String(l.msg).includes(text));
  }
}

export function logged(level: "debug" | "info" = "debug"): { log: LogLines; logger: Logger } {
  const log = new LogLines();
  return { log, logger: createLogger(level, log) };
}
