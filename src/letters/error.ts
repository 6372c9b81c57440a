/**
 * Why a file is not a letter we can store. A value the caller shows, not an exception from deep inside: the parser
 * returns it, and `ombuds parse`/`ingest` print `file: field: reason`.
 */
export class ParseError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${file}: ${field}: ${reason}`);
    this.name = "ParseError";
  }

  toJSON() {
    return { file: this.file, field: this.field, reason: this.reason };
  }
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };
