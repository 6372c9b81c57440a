import { createHoldings } from "../answers/index.ts";
import { type Config, ConfigError } from "../config.ts";
import { digestFor } from "../digest/compose.ts";
import { type PostDigest, runDueDigests } from "../digest/run.ts";
import { renderDigestText } from "../digest/text.ts";
import { readStore } from "../store/store.ts";
import type { Io } from "./io.ts";

/**
 * `ombuds digest --dry-run [--channel C]`: the digest as text, without posting. With a channel, that channel's
 * digest (its watch list, and what is new since its last post); without, the digest of all councils.
 * Exit 2 when the channel has no subscription.
 */
export async function runDigestDryRun(
  storeFile: string,
  options: { channel?: string; now?: Date },
  io: Pick<Io, "stdout" | "stderr">,
): Promise<number> {
  const { data } = await readStore(storeFile);
  const subscription = options.channel
    ? data.subscriptions.find((s) => s.channel === options.channel)
    : undefined;
  if (options.channel && !subscription) {
    io.stderr.write(
      `ombuds: channel ${options.channel}: has no digest subscription (channels with one: ${data.subscriptions.map((s) => s.channel).join(", ") || "none"})\n`,
    );
    return 2;
  }
  const digest = digestFor(subscription, {
    holdings: createHoldings(data.letters, data.ingested),
    ingested: data.ingested,
    now: options.now ?? new Date(),
  });
  io.stdout.write(`${renderDigestText(digest)}\n`);
  return 0;
}

/** What posting a digest to Slack needs. */
export interface DigestSlack {
  botToken: string;
  apiUrl?: string;
}

/**
 * `ombuds digest --send`: post the digests that are due now, once, and exit: for running from cron or another
 * scheduler instead of the bot. Claims slots in the store exactly as the bot does, so both may run. `post` is how a
 * digest reaches Slack, which only the top of the program knows. Exit 1 when a post failed.
 */
export async function runDigestSend(
  config: Config,
  poster: (slack: DigestSlack) => Promise<PostDigest>,
  io: Pick<Io, "stdout">,
): Promise<number> {
  const botToken = config.SLACK_BOT_TOKEN;
  if (!botToken) throw new ConfigError("SLACK_BOT_TOKEN", "is required to post digests (--send)");
  // pino and its helpers load only for the one command that logs.
  const { createLogger } = await import("../log.ts");
  const logger = createLogger(config.LOG_LEVEL);
  const post = await poster(config.SLACK_API_URL ? { botToken, apiUrl: config.SLACK_API_URL } : { botToken });
  // The run claims each slot in the store before it composes that digest, and what it composes from (the letters
  // and the ingest log) does not change with a claim: one read serves the whole run.
  const { data } = await readStore(config.OMBUDS_DB);
  const holdings = createHoldings(data.letters, data.ingested);
  const report = await runDueDigests({
    storeFile: config.OMBUDS_DB,
    compose: async (subscription, now) => digestFor(subscription, { holdings, ingested: data.ingested, now }),
    post,
    logger,
    now: () => new Date(),
  });
  io.stdout.write(
    `${report.posted.length} posted, ${report.skipped.length} skipped, ${report.failed.length} failed${report.failed.map((f) => `\n  ${f.channel}: ${f.error}${f.paused ? " (paused)" : ""}`).join("")}\n`,
  );
  return report.failed.length > 0 ? 1 : 0;
}
