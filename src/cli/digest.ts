import { createHoldings } from "../answers/index.ts";
import { composeDigest } from "../digest/compose.ts";
import { renderDigestText } from "../digest/text.ts";
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
  const digest = composeDigest({
    holdings: createHoldings(data.letters),
    ingested: data.ingested,
    councils: subscription?.councils ?? [],
    since: subscription?.lastPostedAt ?? null,
    now: options.now ?? new Date(),
  });
  process.stdout.write(`${renderDigestText(digest)}\n`);
  return 0;
}
