import { createHoldings } from "./answers/index.ts";
import { loadAuthorities } from "./authorities/index.ts";
import { runConsole } from "./cli/console.ts";
import { renderFailure, renderKept } from "./cli/render.ts";
import { type Config, type SlackSettings, slackSettings } from "./config.ts";
import { startScheduler } from "./digest/scheduler.ts";
import { displayPath } from "./letters/read.ts";
import { createLogger, type Logger } from "./log.ts";
import { ingestInThread, startAnswererThread } from "./slack/answerer/thread.ts";
import { createSlackApp } from "./slack/app.ts";
import { postDigest } from "./slack/digest.ts";
import { ingestPaths } from "./store/ingest.ts";
import { readStore } from "./store/store.ts";

/**
 * `npm start`: bring the store up to date with the letters folder (so a fresh clone answers at once), then connect
 * to Slack, or, with no Slack tokens, open the local console on the same answers.
 */
export async function start(config: Config): Promise<number> {
  const slack = slackSettings(config);
  if (slack) return startSlack(config, slack, createLogger(config.LOG_LEVEL));
  const report = await ingestPaths(config.OMBUDS_DB, [config.OMBUDS_LETTERS]);
  for (const failure of report.failed) process.stderr.write(`${renderFailure(failure)}\n`);
  for (const kept of report.kept) process.stderr.write(`${renderKept(kept)}\n`);

  const { data } = await readStore(config.OMBUDS_DB);
  const holdings = createHoldings(data.letters);
  const changed = report.added.length + report.updated.length;
  process.stdout.write(
    [
      `ombuds: ${holdings.letters.length} letters for ${holdings.councils.length} councils in ${displayPath(config.OMBUDS_DB)}${changed ? ` (${changed} just ingested from ${displayPath(config.OMBUDS_LETTERS)})` : ""}.`,
      "Local console: type a question or /ombuds Sefton; help lists what works; digest prints the weekly digest; exit or Ctrl-D leaves.",
      "To connect Slack instead, put SLACK_BOT_TOKEN and SLACK_APP_TOKEN in .env (see README).",
      "",
    ].join("\n"),
  );
  await runConsole({
    input: process.stdin,
    output: process.stdout,
    holdings,
    authorities: loadAuthorities(),
    ingested: data.ingested,
  });
  return report.failed.length + report.kept.length > 0 ? 1 : 0;
}

async function startSlack(config: Config, settings: SlackSettings, logger: Logger): Promise<number> {
  // The letters live in the answering thread, and the start-up ingest has a thread of its own: this thread only
  // talks to Slack, so its heap stays small and an answer never holds up an ack (see src/slack/answerer/).
  const report = await ingestInThread(config.OMBUDS_DB, [config.OMBUDS_LETTERS]);
  for (const failure of report.failed) process.stderr.write(`${renderFailure(failure)}\n`);
  for (const kept of report.kept) process.stderr.write(`${renderKept(kept)}\n`);
  const ingested = report.added + report.updated;
  const answerer = await startAnswererThread({ storeFile: config.OMBUDS_DB, logger });
  const now = () => new Date();
  const slack = createSlackApp(settings, {
    answerer,
    storeFile: config.OMBUDS_DB,
    authorities: loadAuthorities(),
    logger,
    now,
  });
  const { port } = await slack.start();
  const scheduler = startScheduler({
    store: answerer,
    storeFile: config.OMBUDS_DB,
    compose: (subscription, at) => answerer.digest(subscription.channel, at, subscription),
    post: (channel, digest) => postDigest(slack.app.client, channel, digest),
    logger,
    now,
  });
  logger.info(
    {
      mode: settings.mode,
      port,
      letters: answerer.letters,
      ingested,
      store: config.OMBUDS_DB,
    },
    "ombuds is running",
  );
  // Stop cleanly: finish with Slack (close the socket or the HTTP server), then exit.
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "stopping");
      scheduler
        .stop()
        .then(() => slack.stop())
        .then(() => answerer.close())
        .catch((err: unknown) => logger.error({ err }, "error while stopping"))
        .finally(resolve);
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  return 0;
}
