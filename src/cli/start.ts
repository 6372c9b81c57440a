import { createHoldings } from "../answers/index.ts";
import { loadAuthorities } from "../authorities/index.ts";
import type { Config } from "../config.ts";
import { displayPath } from "../letters/read.ts";
import { ingestPaths } from "../store/ingest.ts";
import { readStore } from "../store/store.ts";
import { runConsole } from "./console.ts";
import { renderFailure } from "./render.ts";

/**
 * `npm start` without Slack tokens: bring the store up to date with the letters folder (so a fresh clone answers at
 * once), then open the local console on it.
 */
export async function runStart(config: Config): Promise<number> {
  const report = await ingestPaths(config.OMBUDS_DB, [config.OMBUDS_LETTERS]);
  for (const failure of report.failed) process.stderr.write(`${renderFailure(failure)}\n`);
  const { data } = await readStore(config.OMBUDS_DB);
  const holdings = createHoldings(data.letters);
  const changed = report.added.length + report.updated.length;
  process.stdout.write(
    [
      `ombuds: ${data.letters.length} letters for ${new Set(data.letters.map((l) => l.authority.name)).size} councils in ${displayPath(config.OMBUDS_DB)}${changed ? ` (${changed} just ingested from ${displayPath(config.OMBUDS_LETTERS)})` : ""}.`,
      "Local console: type a question or /ombuds Sefton; help lists what works; exit or Ctrl-D leaves.",
      "To connect Slack instead, put SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env (see README).",
      "",
    ].join("\n"),
  );
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    holdings,
    authorities: loadAuthorities(),
  });
  return report.failed.length > 0 ? 1 : 0;
}
