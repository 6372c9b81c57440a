import { WebClient } from "@slack/web-api";
import { loadAuthorities } from "./authorities/index.ts";
import type { DigestSlack } from "./cli/digest.ts";
import { renderFailure, renderKept } from "./cli/render.ts";
import type { Config, SlackSettings } from "./config.ts";
import type { PostDigest } from "./digest/run.ts";
import { startScheduler } from "./digest/scheduler.ts";
import { createLogger } from "./log.ts";
import { ingestInThread, startAnswererThread } from "./slack/answerer/thread.ts";
import { createSlackApp } from "./slack/app.ts";
import { postDigest } from "./slack/digest.ts";

/**
 * The bot in Slack: what `npm start` runs when the Slack variables are set. `src/main.ts` imports this module only
 * then, so nothing of Slack loads for the local console or the other commands.
 */
export async function startSlack(config: Config, settings: SlackSettings): Promise<number> {
  const logger = createLogger(config.LOG_LEVEL);
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

/** `ombuds digest --send`'s posts: through the Web API, as the bot posts them. */
export function slackDigestPoster(slack: DigestSlack): PostDigest {
  const client = new WebClient(slack.botToken, slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {});
  return (channel, digest) => postDigest(client, channel, digest);
}
