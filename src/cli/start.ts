import type { Config } from "../config.ts";
import { displayPath } from "../letters/read.ts";
import { ingestPaths } from "../store/ingest.ts";
import { readStore } from "../store/store.ts";
import { renderFailure, renderIngest } from "./render.ts";

/**
 * `npm start`. The Slack app and the question console are later issues; until then this brings the store up to
 * date with the bundled letters (so a fresh clone has data at once) and says what is held and what comes next.
 */
export async function runStart(config: Config): Promise<number> {
  const report = await ingestPaths(config.OMBUDS_DB, [config.OMBUDS_LETTERS]);
  process.stdout.write(`${renderIngest(report, displayPath(config.OMBUDS_DB))}\n`);
  for (const failure of report.failed) process.stderr.write(`${renderFailure(failure)}\n`);
  const { data } = await readStore(config.OMBUDS_DB);
  const years = [...new Set(data.letters.map((l) => l.year))].sort();
  process.stdout.write(
    [
      `ombuds holds ${data.letters.length} letters (${years.join(", ") || "no years"}):`,
      ...data.letters.map(
        (l) => `  ${l.authority.shortName} ${l.year}: ${l.concerns.length} concerns/praise`,
      ),
      "",
      "The Slack app and the question console are not built yet. Meanwhile:",
      "  npx ombuds parse data/letters/2020/sefton.txt     a letter's record",
      "  npx ombuds ingest <files or folders>               add letters to the store",
      "",
    ].join("\n"),
  );
  return report.failed.length > 0 ? 1 : 0;
}
