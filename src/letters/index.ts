export { checkAverages, checkLetter, withAverageWarnings } from "./checks.ts";
export { ParseError, type ParseResult } from "./error.ts";
export { type ParseOptions, parseLetter } from "./parse.ts";
export { displayPath, findLetterFiles, LETTER_EXTENSIONS, readLetterFile } from "./read.ts";
export * from "./schema.ts";
