import { WebClient } from "@slack/web-api";
import { loadAuthorities } from "./authorities/index.ts";
import type { Chart } from "./charts/index.ts";
import type { DigestSlack } from "./cli/digest.ts";
import { renderFailure, renderKept } from "./cli/render.ts";
import type { Config, SlackSettings } from "./config.ts";
import { announceIngested, type LetterAnnouncement, type PostAnnouncement } from "./digest/announce.ts";
import type { PostDigest } from "./digest/run.ts";
import { startScheduler } from "./digest/scheduler.ts";
import { displayPath } from "./letters/read.ts";
import { createLogger, type Logger } from "./log.ts";
import { postAnnouncement } from "./slack/announce.ts";
import type { Answerer } from "./slack/answerer/answerer.ts";
import { ingestInThread, startAnswererThread } from "./slack/answerer/thread.ts";
import { createSlackApp } from "./slack/app.ts";
import { type FilesClient, uploadChart } from "./slack/chart.ts";
import { postDigest } from "./slack/digest.ts";
import { BACKOFF, type BackoffTimings } from "./slack/reachability/backoff.ts";
import { SlackRefused } from "./slack/reachability/refused.ts";
import { type Identity, signIn } from "./slack/reachability/sign-in.ts";
import { type Connection, keepConnected } from "./slack/reachability/socket.ts";
import { createWatch } from "./slack/reachability/watch.ts";
import { watching } from "./slack/reachability/watching.ts";
import { type LetterWatch, WatchRefused, watchLetters } from "./store/watch.ts";

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

  // The folder is watched from before the start-up ingest, so that a letter written while the bot starts is not
  // missed; what the watch reports waits until the bot is up (docs/watching.md).
  const letters = watchFolder(config, logger);
  try {
    return await serve({
      config,
      settings,
      options,
      logger,
      stderr,
      timings,
      refused,
      watch,
      identity,
      letters,
    });
  } finally {
    await letters?.watch.close();
  }
}

/** What `startSlack` has when it has signed in to Slack: the rest of the bot's life is `serve`'s. */
interface SignedIn {
  config: Config;
  settings: SlackSettings;
  options: StartOptions;
  logger: Logger;
  stderr: { write(text: string): unknown };
  timings: BackoffTimings;
  refused: (error: SlackRefused) => number;
  watch: ReturnType<typeof createWatch>;
  identity: Identity;
  letters: FolderWatch | null;
}

async function serve(signedIn: SignedIn): Promise<number> {
  const { config, settings, options, logger, stderr, timings, refused, watch, identity, letters } = signedIn;
  // The letters live in the answering thread, and the start-up ingest has a thread of its own: this thread only
  // talks to Slack, so its heap stays small and an answer never holds up an ack (see src/slack/answerer/).
  // The answering thread loads the store and checks the folder against it; only a folder with files to read (new,
  // changed, failed before) is ingested, after which the thread reads the store again. An unchanged folder, the
  // everyday start, costs a stat a file and no second read of the store.
  const answerer = await startAnswererThread({
    storeFile: config.OMBUDS_DB,
    logger,
    check: [config.OMBUDS_LETTERS],
  });
  let ingested = 0;
  let letterCount = answerer.letters;
  if (answerer.stale > 0) {
    const report = await ingestInThread(config.OMBUDS_DB, [config.OMBUDS_LETTERS]);
    for (const failure of report.failed) stderr.write(`${renderFailure(failure)}\n`);
    for (const kept of report.kept) stderr.write(`${renderKept(kept)}\n`);
    ingested = report.added + report.updated;
    letterCount += report.added;
    await answerer.refresh();
  }
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
    post: (channel, digest) => postDigest(slack.app.client, channel, digest, logger),
    logger,
    now,
  });
  await letters?.begin((files) =>
    ingestWatched(files, {
      storeFile: config.OMBUDS_DB,
      answerer,
      post: (channel, announcement) => postAnnouncement(slack.app.client, channel, announcement),
      files: slack.app.client,
      logger,
      now,
    }),
  );
  logger.info(
    {
      mode: settings.mode,
      port,
      letters: letterCount,
      ingested,
      store: config.OMBUDS_DB,
      watching: letters ? config.OMBUDS_LETTERS : null,
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
      // The watch first: a batch under way finishes (its announcements posted) while Slack and the answering
      // thread are still there.
      Promise.resolve(letters?.watch.close())
        .then(() => scheduler.stop())
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

/** The letters folder's watch, and how to begin handing its batches on, once there is something to hand them to. */
interface FolderWatch {
  watch: LetterWatch;
  /** Hand every batch to `handle` from now on (what came meanwhile first); resolves once the watch is ready. */
  begin(handle: (files: string[]) => Promise<void>): Promise<void>;
}

/** The letters folder, watched unless `OMBUDS_WATCH=off`; a folder that cannot be watched is logged, and not watched. */
function watchFolder(config: Config, logger: Logger): FolderWatch | null {
  if (config.OMBUDS_WATCH === "off") return null;
  let handle: (files: string[]) => Promise<void> = async () => {};
  let begun = () => {};
  const watch = watchLetters(config.OMBUDS_LETTERS, (files) => handle(files), {
    holdUntil: new Promise<void>((resolve) => {
      begun = resolve;
    }),
    onError: (err) => logger.error({ err }, "watching the letters folder failed; it goes on watching"),
  });
  if (watch instanceof WatchRefused) {
    logger.warn({ folder: watch.folder, reason: watch.reason }, "the letters folder is not watched");
    return null;
  }
  return {
    watch,
    begin(handler) {
      handle = handler;
      begun();
      return watch.ready;
    },
  };
}

interface WatchedDeps {
  storeFile: string;
  answerer: Pick<Answerer, "refresh" | "answer">;
  post: PostAnnouncement;
  /** Uploads each announcement's chart into its thread. */
  files?: FilesClient;
  logger: Logger;
  now: () => Date;
}

/** At most this many of a batch's files are named in its log line; the rest are counted. */
const NAMED_FILES = 20;

/**
 * A batch of letter files from the watch: ingested as `ombuds ingest` ingests them (the same function and lock, in a
 * thread of its own, like the start-up ingest), logged, the answering thread told to read the store again, and each
 * letter it added or updated announced in the channels watching its council.
 */
async function ingestWatched(files: string[], deps: WatchedDeps): Promise<void> {
  const since = new Date();
  const report = await ingestInThread(deps.storeFile, files);
  const names = files.map((file) => displayPath(file));
  deps.logger.info(
    {
      files: names.slice(0, NAMED_FILES),
      ...(names.length > NAMED_FILES ? { moreFiles: names.length - NAMED_FILES } : {}),
      added: report.added,
      updated: report.updated,
      failed: report.failed.length,
      kept: report.kept.length,
    },
    "letter files changed in the folder: ingested",
  );
  for (const { file, field, reason } of report.failed)
    deps.logger.warn({ file, field, reason }, "a letter file was not ingested");
  for (const { file, id, reason } of report.kept)
    deps.logger.warn({ file, letter: id, reason }, "a letter file was not stored");
  if (report.added + report.updated === 0) return;
  await deps.answerer.refresh();
  // Each announcement's chart is the letter's own, as asking about it gives ("Sefton 2025"): drawn once a letter.
  const charts = new Map<string, Promise<Chart | undefined>>();
  const chartOf = (announcement: LetterAnnouncement) => {
    let chart = charts.get(announcement.letter);
    if (!chart) {
      chart = deps.answerer
        .answer(`${announcement.shortName} ${announcement.year}`, { share: false, now: deps.now() })
        .then((message) => message.chart);
      charts.set(announcement.letter, chart);
    }
    return chart;
  };
  const filesClient = deps.files;
  const announced = await announceIngested(
    {
      storeFile: deps.storeFile,
      post: deps.post,
      logger: deps.logger,
      now: deps.now,
      ...(filesClient
        ? {
            afterPost: async ({ channel, ts, announcement }) => {
              const chart = await chartOf(announcement);
              if (chart) await uploadChart(filesClient, chart, { channel, thread: ts }, deps.logger);
            },
          }
        : {}),
    },
    { files, since },
  );
  deps.logger.info(
    { posted: announced.posted.length, failed: announced.failed.length },
    "the batch's letters announced",
  );
}

/** `ombuds digest --send`'s posts: through the Web API, as the bot posts them. */
export function slackDigestPoster(slack: DigestSlack): PostDigest {
  const client = new WebClient(slack.botToken, slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {});
  // A chart that cannot be uploaded is said on stderr, as the run's own problems are; the digest stands.
  const logger = createLogger("warn");
  return (channel, digest) => postDigest(client, channel, digest, logger);
}
