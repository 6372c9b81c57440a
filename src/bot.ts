import { WebClient } from "@slack/web-api";
import { loadAuthorities } from "./authorities/index.ts";
import type { DigestSlack } from "./cli/digest.ts";
import { renderFailure, renderKept } from "./cli/render.ts";
import type { Config, SlackSettings } from "./config.ts";
import type { PostDigest } from "./digest/run.ts";
import { startScheduler } from "./digest/scheduler.ts";
import { createLogger, type Logger } from "./log.ts";
import { ingestInThread, startAnswererThread } from "./slack/answerer/thread.ts";
import { createSlackApp } from "./slack/app.ts";
import { postDigest } from "./slack/digest.ts";
import { BACKOFF, type BackoffTimings } from "./slack/reachability/backoff.ts";
import { SlackRefused } from "./slack/reachability/refused.ts";
import { signIn } from "./slack/reachability/sign-in.ts";
import { type Connection, keepConnected } from "./slack/reachability/socket.ts";
import { createWatch } from "./slack/reachability/watch.ts";
import { watching } from "./slack/reachability/watching.ts";

/**
 * The exit code when Slack refuses a token (sysexits' EX_CONFIG): a service manager told not to restart on it
 * (systemd's `RestartPreventExitStatus=78`) leaves the bot stopped until someone mends the setting.
 */
export const REFUSED_EXIT = 78;

/** What a test changes; `npm start` uses none of these. */
export interface StartOptions {
  logger?: Logger;
  /** Where the ingest's problems and a refusal's line go (stderr). */
  stderr?: { write(text: string): unknown };
  /** The waits between attempts to reach Slack. */
  backoff?: BackoffTimings;
  /** Stops the bot as SIGTERM does. */
  signal?: AbortSignal;
}

/**
 * The bot in Slack: what `npm start` runs when the Slack variables are set. `src/main.ts` imports this module only
 * then, so nothing of Slack loads for the local console or the other commands.
 *
 * When Slack cannot be reached, at start or later, the log says once what cannot be reached and why, and the bot
 * keeps trying with backoff (src/slack/reachability/); when Slack refuses a token, the bot stops at once with
 * `ombuds: Slack: <why>` and exit code 78, since retrying cannot mend that.
 */
export async function startSlack(
  config: Config,
  settings: SlackSettings,
  options: StartOptions = {},
): Promise<number> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const stderr = options.stderr ?? process.stderr;
  const timings = options.backoff ?? BACKOFF;
  const refused = (error: SlackRefused) => {
    stderr.write(`ombuds: Slack: ${error.message}\n`);
    return REFUSED_EXIT;
  };
  const watch = createWatch(logger);
  // First Slack, then the letters: a token Slack refuses stops start-up before any work, and while Slack cannot be
  // reached the bot waits here, saying so once, as it would wait later for a connection that dropped.
  let identity: Awaited<ReturnType<typeof signIn>>;
  try {
    identity = await signIn({
      botToken: settings.botToken,
      apiUrl: settings.apiUrl,
      watch,
      timings,
      logger,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof SlackRefused) return refused(error);
    throw error;
  }
  if (identity === null) return 0;

  // The letters live in the answering thread, and the start-up ingest has a thread of its own: this thread only
  // talks to Slack, so its heap stays small and an answer never holds up an ack (see src/slack/answerer/).
  const report = await ingestInThread(config.OMBUDS_DB, [config.OMBUDS_LETTERS]);
  for (const failure of report.failed) stderr.write(`${renderFailure(failure)}\n`);
  for (const kept of report.kept) stderr.write(`${renderKept(kept)}\n`);
  const ingested = report.added + report.updated;
  const answerer = await startAnswererThread({ storeFile: config.OMBUDS_DB, logger });
  const now = () => new Date();
  const slack = createSlackApp(
    settings,
    {
      answerer,
      storeFile: config.OMBUDS_DB,
      authorities: loadAuthorities(),
      logger,
      now,
      digestAdmins: config.DIGEST_ADMINS,
    },
    { watching: watching(watch, identity, settings.apiUrl) },
  );
  let connection: Connection | undefined;
  let port: number | undefined;
  if (slack.socket) {
    connection = keepConnected({
      client: slack.socket,
      connect: () => slack.start(),
      apiUrl: settings.apiUrl,
      watch,
      timings,
      logger,
    });
    // Until the first connection, a refused app token (or a test's abort) is the only way out of the wait.
    const aborted = new Promise<"aborted">((resolve) => {
      if (options.signal?.aborted) resolve("aborted");
      options.signal?.addEventListener("abort", () => resolve("aborted"), { once: true });
    });
    const first = await Promise.race([connection.connected.then(() => null), connection.ended, aborted]);
    if (first !== null) {
      connection.stop();
      await slack.stop();
      await answerer.close();
      return first instanceof SlackRefused ? refused(first) : 0;
    }
  } else {
    ({ port } = await slack.start());
  }
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
  // Stop cleanly on a signal, or when Slack refuses the app token on a reconnect: finish with Slack (stop
  // reconnecting, close the socket or the HTTP server), then exit.
  const why = await new Promise<SlackRefused | null>((resolve) => {
    let stopping = false;
    const stop = (reason: string, refusal: SlackRefused | null) => {
      if (stopping) return;
      stopping = true;
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigterm);
      options.signal?.removeEventListener("abort", onAbort);
      logger.info({ signal: reason }, "stopping");
      connection?.stop();
      scheduler
        .stop()
        .then(() => slack.stop())
        .then(() => answerer.close())
        .catch((err: unknown) => logger.error({ err }, "error while stopping"))
        .finally(() => resolve(refusal));
    };
    const onSigint = () => stop("SIGINT", null);
    const onSigterm = () => stop("SIGTERM", null);
    const onAbort = () => stop("abort", null);
    process.once("SIGINT", onSigint);
    process.once("SIGTERM", onSigterm);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    void connection?.ended.then((refusal) => {
      if (refusal) stop("refused", refusal);
    });
  });
  return why ? refused(why) : 0;
}

/** `ombuds digest --send`'s posts: through the Web API, as the bot posts them. */
export function slackDigestPoster(slack: DigestSlack): PostDigest {
  const client = new WebClient(slack.botToken, slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {});
  return (channel, digest) => postDigest(client, channel, digest);
}
