import { createHoldings } from "../answers/index.ts";
import { loadAuthorities } from "../authorities/index.ts";
import type { Config } from "../config.ts";
import { displayPath } from "../letters/read.ts";
import { surveyBeside } from "../letters/survey.ts";
import { type IngestReport, ingestPaths, staleOf } from "../store/ingest.ts";
import { indexOf } from "../store/records.ts";
import { readStore } from "../store/store.ts";
import { runConsole } from "./console.ts";
import type { Io } from "./io.ts";
import { renderFailure, renderKept } from "./render.ts";

/**
 * `npm start` with no Slack tokens: bring the store up to date with the letters folder (so a fresh clone answers at
 * once), then open the local console on the same answers the bot gives. 1 when a letter failed or was not stored.
 */
export async function startConsole(config: Config, io: Io): Promise<number> {
  // The store is read once for answering, and the folder checked against it: an unchanged folder (the everyday
  // start) costs a stat a file, taken while the store is read (survey.ts), and only a folder with something to read
  // is ingested and the store read again.
  const survey = surveyBeside([config.OMBUDS_LETTERS], config.OMBUDS_DB);
  let { data } = await readStore(config.OMBUDS_DB);
  let report: Pick<IngestReport, "added" | "updated" | "failed" | "kept"> = {
    added: [],
    updated: [],
    failed: [],
    kept: [],
  };
  if (staleOf(await survey(), indexOf(data)).length > 0) {
    report = await ingestPaths(config.OMBUDS_DB, [config.OMBUDS_LETTERS]);
    ({ data } = await readStore(config.OMBUDS_DB));
  }
  for (const failure of report.failed) io.stderr.write(`${renderFailure(failure)}\n`);
  for (const kept of report.kept) io.stderr.write(`${renderKept(kept)}\n`);

  const holdings = createHoldings(data.letters, data.ingested);
  const changed = report.added.length + report.updated.length;
  io.stdout.write(
    [
      `ombuds: ${holdings.letters.length} letters for ${holdings.councils.length} councils in ${displayPath(config.OMBUDS_DB)}${changed ? ` (${changed} just ingested from ${displayPath(config.OMBUDS_LETTERS)})` : ""}.`,
      "Local console: type a question or /ombuds Sefton; help lists what works; digest prints the weekly digest; exit or Ctrl-D leaves.",
      "To connect Slack instead, put SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env (see README).",
      "",
    ].join("\n"),
  );
  await runConsole({
    input: io.stdin,
    output: io.stdout,
    holdings,
    authorities: loadAuthorities(),
    ingested: data.ingested,
  });
  return report.failed.length + report.kept.length > 0 ? 1 : 0;
}
