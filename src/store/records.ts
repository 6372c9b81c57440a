import { type FileRecord, SCHEMA_VERSION, type StoreData } from "./schema.ts";

/** What an ingest needs to know which files it may skip: the file records, and where each stored letter came from. */
export interface FileIndex {
  files: readonly FileRecord[];
  sources: Map<string, { file: string; sha256: string }>;
}

export function indexOf(data: {
  readonly files: readonly FileRecord[];
  readonly letters: readonly Pick<StoreData["letters"][number], "id" | "source">[];
}): FileIndex {
  return { files: data.files, sources: new Map(data.letters.map((letter) => [letter.id, letter.source])) };
}

const SHA256 = /^[0-9a-f]{64}$/;

/** `FileRecord`'s checks, written out: zod for each of 10,000 records costs more than the rest of the scan. */
function isFileRecord(value: unknown): value is FileRecord {
  if (typeof value !== "object" || value === null) return false;
  const { path, size, mtimeMs, sha256, parser, id, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof path === "string" &&
    path.length > 0 &&
    Number.isInteger(size) &&
    (size as number) >= 0 &&
    typeof mtimeMs === "number" &&
    mtimeMs >= 0 &&
    typeof sha256 === "string" &&
    SHA256.test(sha256) &&
    Number.isInteger(parser) &&
    typeof id === "string" &&
    id.length > 0
  );
}

const KEY = /^ {2}"([^"\\]+)": (.*)$/;
const ID = /^ {4}\{"id":("(?:[^"\\]|\\.)*")/;
const SOURCE = /"source":(\{"file":"(?:[^"\\]|\\.)*","sha256":"[0-9a-f]{64}"\})/y;
const SOURCE_AT = '"source":{"file":"';

/**
 * The `FileIndex` of a store file's text as `stringify` writes it (one record a line), without parsing or
 * validating its letters: a 10,000-letter store in a fraction of the time a load takes (start-up loads and validates
 * the store anyway; an ingest that changes it reads it properly). Text in any other form, or of another schema
 * version, gives undefined: read the store properly instead.
 */
export function scanFileIndex(text: string): FileIndex | undefined {
  const lines = text.split("\n");
  if (lines[0] !== "{") return undefined;
  let version: unknown;
  let files: FileRecord[] = [];
  const sources = new Map<string, { file: string; sha256: string }>();
  let i = 1;
  try {
    for (; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line === "}") break;
      const match = KEY.exec(line);
      if (!match) return undefined;
      const [, key, value] = match as unknown as [string, string, string];
      if (value !== "[") {
        const parsed: unknown = JSON.parse(value.endsWith(",") ? value.slice(0, -1) : value);
        if (key === "schemaVersion") version = parsed;
        else if (key === "letters" || key === "files") {
          if (!Array.isArray(parsed) || parsed.length > 0) return undefined;
        }
        continue;
      }
      for (i++; i < lines.length; i++) {
        const item = lines[i] as string;
        if (item === "  ]" || item === "  ],") break;
        if (key === "letters") {
          const id = ID.exec(item);
          SOURCE.lastIndex = item.lastIndexOf(SOURCE_AT);
          const source = SOURCE.lastIndex > 0 ? SOURCE.exec(item) : null;
          if (!id || !source) return undefined;
          sources.set(JSON.parse(id[1] as string), JSON.parse(source[1] as string));
        } else if (key === "files") {
          const record: unknown = JSON.parse(item.endsWith(",") ? item.slice(0, -1) : item);
          if (!isFileRecord(record)) return undefined;
          files.push(record);
        }
      }
      if (i >= lines.length) return undefined;
    }
  } catch {
    return undefined;
  }
  if (version !== SCHEMA_VERSION || i >= lines.length) return undefined;
  files = files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, sources };
}
