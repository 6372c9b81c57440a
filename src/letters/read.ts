import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { extname, relative, sep } from "node:path";
import { ParseError, type ParseResult } from "./error.ts";
import { type ParseOptions, parseLetter } from "./parse.ts";
import { extractPdfText, isPdf } from "./pdf.ts";
import type { Letter } from "./schema.ts";

/** Text letters are a few kilobytes; anything this large is not one, and is refused before it is read whole. */
const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** A PDF letter is a few hundred kilobytes (more with a scanned signature or logos); 20 MB is far beyond one. */
const MAX_PDF_BYTES = 20 * 1024 * 1024;
/** "%PDF-" */
const MAGIC_LENGTH = 5;

export interface ReadOptions extends ParseOptions {
  /** Called after each file of `parseFiles` is read, with how many are done and how many there are. */
  onProgress?: (done: number, total: number) => void;
}

/** How a file is named in records and messages: relative to the working folder when inside it. */
export function displayPath(file: string, cwd = process.cwd()): string {
  // `relative` resolves both paths on every call; a start-up names every file of the folder, 30,000 of them, one
  // folder's files after another: the last folder's relative path is kept, and each file's name put after it.
  const slash = file.lastIndexOf(sep);
  const name = file.slice(slash + 1);
  if (slash < 0 || name === "" || name === "." || name === "..") return relativeOrAsGiven(file, cwd);
  const folder = file.slice(0, slash) || sep;
  // A relative folder is resolved against the process's working folder, which must be the same too.
  const processCwd = process.cwd();
  if (folder !== last.folder || cwd !== last.cwd || processCwd !== last.processCwd)
    last = { folder, cwd, processCwd, inside: relative(cwd, folder) };
  const rel = last.inside === "" ? name : last.inside + sep + name;
  return rel && !rel.startsWith("..") ? rel : file;
}
/** The folder `displayPath` named last, and its path relative to `cwd` (a folder is never ""). */
let last = { folder: "", cwd: "", processCwd: "", inside: "" };

function relativeOrAsGiven(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
}

/**
 * Read and parse one file: a text letter, or a PDF (named .pdf, or starting with "%PDF-"), whose text is extracted
 * and then parsed as a text letter's is. A PDF's record keeps the hash of the PDF's bytes. The file is read
 * synchronously: letters are small, parsing is synchronous work anyway, and ten thousand small asynchronous reads
 * spend more time passing through the thread pool than reading.
 */
export async function readLetterFile(file: string, options: ParseOptions = {}): Promise<ParseResult<Letter>> {
  const name = displayPath(file);
  const refuse = (reason: string): ParseResult<Letter> => ({
    ok: false,
    error: new ParseError(name, "file", reason),
  });
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const info = fstatSync(fd);
    if (!info.isFile()) return refuse("is not a file");
    const namedPdf = extname(file).toLowerCase() === ".pdf";
    const cap = namedPdf ? MAX_PDF_BYTES : MAX_TEXT_BYTES;
    if (info.size > cap) {
      return refuse(
        `is ${info.size.toLocaleString("en-GB")} bytes; a ${namedPdf ? "PDF" : "text"} letter is at most ${cap.toLocaleString("en-GB")}`,
      );
    }
    bytes = readFileSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return refuse(
      code === "ENOENT"
        ? "does not exist"
        : code === "EISDIR"
          ? "is not a file"
          : `cannot be read (${code ?? (error as Error).message})`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  // A file not named .pdf is one only if it starts as one.
  if (extname(file).toLowerCase() !== ".pdf" && !isPdf(bytes, MAGIC_LENGTH))
    return parseLetter(bytes, name, options);
  const text = await extractPdfText(bytes, name);
  if (text instanceof ParseError) return { ok: false, error: text };
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return parseLetter(text, name, { ...options, sha256 });
}

/** Read and parse `files` one after another: the letters, and a `ParseError` for each file that is not one. */
export async function parseFiles(
  files: readonly string[],
  options: ReadOptions = {},
): Promise<{ letters: Letter[]; failed: ParseError[] }> {
  const { onProgress, ...parseOptions } = options;
  const letters: Letter[] = [];
  const failed: ParseError[] = [];
  for (const [i, file] of files.entries()) {
    const result = await readLetterFile(file, parseOptions);
    if (result.ok) letters.push(result.value);
    else failed.push(result.error);
    onProgress?.(i + 1, files.length);
  }
  return { letters, failed };
}
