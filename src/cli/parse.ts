import { withAverageWarnings } from "../letters/checks.ts";
import { findLetterFiles } from "../letters/files.ts";
import { parseFiles } from "../letters/read.ts";
import { withoutSharedParagraphs } from "../letters/shared.ts";
import type { Io } from "./io.ts";
import { renderFailure, renderLetter, renderWarning } from "./render.ts";

/** `ombuds parse`: records to stdout, warnings and failures to stderr; 1 when any file failed. */
export async function runParse(
  paths: string[],
  options: { json: boolean },
  io: Pick<Io, "stdout" | "stderr">,
): Promise<number> {
  const files = await findLetterFiles(paths);
  const parsed = await parseFiles(files);
  // Letters parsed together are checked against each other: same-year averages by type, and paragraphs that other
  // councils' letters of the year share (those every council got are not concerns).
  const letters = withAverageWarnings(
    withoutSharedParagraphs(parsed.letters, parsed.letters),
    parsed.letters,
  );
  if (options.json) {
    io.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
  } else {
    io.stdout.write(letters.map((letter) => `${renderLetter(letter)}\n`).join("\n"));
  }
  const problems = [
    ...letters.flatMap((letter) => letter.warnings.map((w) => renderWarning(letter.source.file, w))),
    ...parsed.failed.map(renderFailure),
  ];
  if (problems.length > 0) io.stderr.write(`${problems.join("\n")}\n`);
  return parsed.failed.length > 0 ? 1 : 0;
}
