import { WebClient } from "@slack/web-api";
import { createHoldings } from "../answers/index.ts";
import { loadAuthorities } from "../authorities/index.ts";
import { type Config, ConfigError } from "../config.ts";
import { digestFor } from "../digest/compose.ts";
import { runDueDigests } from "../digest/run.ts";
import { renderDigestText } from "../digest/text.ts";
import { openLibrary } from "../library.ts";
import { createLogger } from "../log.ts";
import { localAnswerer } from "../slack/answerer/answerer.ts";
import { postDigest } from "../slack/digest.ts";
import { readStore } from "../store/store.ts";

/**
 * `ombuds digest --dry-run [--channel C]`: the digest as text, without posting. With a channel, that channel's
 * digest (its watch list, and what is new since its last post); without, the digest of all councils.
 * Exit 2 when the channel has no subscription.
 */
export async function runDigestDryRun(
  storeFile: string,
  options: { channel?: string; now?: Date },
): Promise<number> {
  const { data } = await readStore(storeFile);
  const subscription = options.channel
    ? data.subscriptions.find((s) => s.channel === options.channel)
    : undefined;
  if (options.channel && !subscription) {
    process.stderr.write(
      `ombuds digest: channel ${options.channel} has no digest subscription (channels with one: ${data.subscriptions.map((s) => s.channel).join(", ") || "none"})\n`,
    );
    return 2;
  }
  const digest = digestFor(subscription, {
    holdings: createHoldings(data.letters),
    ingested: data.ingested,
    now: options.now ?? new Date(),
  });
  process.stdout.write(`${renderDigestText(digest)}\n`);
  return 0;
}

/**
 * `ombuds digest --send`: post the digests that are due now, once, and exit: for running from cron or another
 * scheduler instead of the bot. Claims slots in the store exactly as the bot does, so both may run. Exit 1 when a
 * post failed.
 */
export async function runDigestSend(config: Config): Promise<number> {
  if (!config.SLACK_BOT_TOKEN)
    throw new ConfigError("SLACK_BOT_TOKEN", "is required to post digests (--send)");
  const logger = createLogger(config.LOG_LEVEL);
  const client = new WebClient(
    config.SLACK_BOT_TOKEN,
    config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {},
  );
  const library = await openLibrary(config.OMBUDS_DB);
  const answerer = localAnswerer(library, loadAuthorities());
  const report = await runDueDigests({
    storeFile: config.OMBUDS_DB,
    compose: (subscription, now) => answerer.digest(subscription.channel, now, subscription),
    post: (channel, digest) => postDigest(client, channel, digest),
    logger,
    now: () => new Date(),
  });
  process.stdout.write(
    `${report.posted.length} posted, ${report.skipped.length} skipped, ${report.failed.length} failed${report.failed.map((f) => `\n  ${f.channel}: ${f.error}${f.paused ? " (paused)" : ""}`).join("")}\n`,
  );
  return report.failed.length > 0 ? 1 : 0;
}
