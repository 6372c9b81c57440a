import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openStore } from "../../src/answers/open-store.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import type { Digest } from "../../src/digest/compose.ts";
import type { PostDigest, RunDeps } from "../../src/digest/run.ts";
import { localAnswerer } from "../../src/slack/answerer/answerer.ts";
import { ingestPaths } from "../../src/store/ingest.ts";
import type { StoreData, Subscription } from "../../src/store/schema.ts";
import { readStore, updateStore } from "../../src/store/store.ts";
import { SAMPLES, tempDir } from "../support/tmp.ts";

/**
 * What the digest run and scheduler tests share: a store holding the five sample letters and the subscriptions a
 * test writes into it, a fake `post` that records each call and the instant it happened, and log lines to assert on.
 */

/** When the sample letters went in: long before any slot the tests use, so no week has anything new by default. */
export const INGESTED_AT = "2026-01-05T12:00:00.000Z";

export { subscription } from "../fixtures/subscriptions.ts";

let template: string | undefined;

/** The five sample letters ingested once (at INGESTED_AT), as the text of a store file. */
async function templateStore(): Promise<string> {
  if (template === undefined) {
    const file = join(tempDir(), "template.json");
    await ingestPaths(file, [SAMPLES]);
    await updateStore(file, (data) => {
      for (const entry of data.ingested) entry.at = INGESTED_AT;
      return { changed: true, result: undefined };
    });
    template = readFileSync(file, "utf8");
  }
  return template;
}

/** A store file in a fresh folder (removed after the test) with the sample letters and `subscriptions`. */
export async function storeWith(subscriptions: Subscription[]): Promise<string> {
  const file = join(tempDir(), "db.json");
  writeFileSync(file, await templateStore());
  await updateStore(file, (data) => {
    data.subscriptions = subscriptions;
    return { changed: true, result: undefined };
  });
  return file;
}

export async function stored(file: string): Promise<StoreData> {
  return (await readStore(file)).data;
}

export { LogLines, logged } from "../support/log.ts";

export interface Post {
  channel: string;
  /** The instant of the call, as ISO text. */
  at: string;
  digest: Digest;
}

/**
 * A fake `chat.postMessage` that records each call with the instant `now()` read then. `respond` decides what each
 * call does (by default it succeeds).
 */
export function fakePost(
  now: () => Date,
  respond: (call: Post, index: number) => Promise<{ ts: string }> = async (_call, index) => ({
    ts: `1700000000.${String(index).padStart(6, "0")}`,
  }),
): { post: PostDigest; calls: Post[] } {
  const calls: Post[] = [];
  const post: PostDigest = (channel, digest) => {
    const call = { channel, at: now().toISOString(), digest };
    calls.push(call);
    return respond(call, calls.length - 1);
  };
  return { post, calls };
}

/** Digests composed as the bot composes them, from the store file. */
export async function composerOf(file: string): Promise<RunDeps["compose"]> {
  const answerer = localAnswerer(await openStore(file), loadAuthorities());
  return (subscription, now) => answerer.digest(subscription.channel, now, subscription);
}
