/**
 * Why a file is not a letter we can store. A value the caller shows, not an exception from deep inside: the parser
 * returns it, and `ombuds parse`/`ingest` print `file: field: reason`.
 */
export class ParseError extends Error {
  readonly file: string;
  readonly field: string;
  readonly reason: string;

  /** Each part is bounded, so that no input (a 400,000-character line, a binary file) makes a message unbounded. */
  constructor(file: string, field: string, reason: string) {
    const f = bounded(file, 300);
    const d = bounded(field, 100);
    const r = bounded(reason, 400);
    super(`${f}: ${d}: ${r}`);
    this.file = f;
    this.field = d;
    this.reason = r;
    this.name = "ParseError";
  }

  toJSON() {
    return { file: this.file, field: this.field, reason: this.reason };
  }
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

function bounded(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
