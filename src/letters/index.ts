export { checkAverages, checkLetter, withAverageWarnings } from "./checks.ts";
export { ParseError, type ParseResult } from "./error.ts";
export { findLetterFiles, LETTER_EXTENSIONS } from "./files.ts";
export { type ParseOptions, parseLetter } from "./parse.ts";
export { extractPdfText } from "./pdf.ts";
export {
  displayPath,
  parseFiles,
  type ReadOptions,
  readLetterFile,
} from "./read.ts";
export * from "./schema.ts";
export { withoutSharedParagraphs } from "./shared.ts";
