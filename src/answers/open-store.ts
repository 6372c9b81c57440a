import { statSync } from "node:fs";
import type { HeldLetter, Letter } from "../letters/schema.ts";
import { readStoreShared } from "../store/read-shared.ts";
import type { Ingested, StoreData, Subscription } from "../store/schema.ts";
import { StoreError } from "../store/store.ts";
import { createHoldings, type Holdings } from "./holdings.ts";

/**
 * The store, open: its data as the bot answers from it (the letters as holdings, the subscriptions, the ingest log): indexed once, and indexed again when the store file changes
 * (an `ombuds ingest` while the bot runs), checked at most once a second so a busy bot does not stat per request.
 *
 * It keeps only what answers, the App Home and digests read, each repeated value once (`readStoreShared`): not the
 * file records, the letters' file hashes, the digest claims or the announcements, which the thread that writes them
 * reads afresh under the store's lock.
 */
export interface OpenStore {
  holdings(): Holdings;
  /** The digest subscriptions as last read (the store is read again when its file changes). */
  subscriptions(): readonly Subscription[];
  /** When letters were last ingested, as ISO text; null when none have been. */
  lastIngest(): string | null;
  /** The ingest log: which letter was added or updated when (what a digest calls new). */
  ingested(): readonly Ingested[];
  refresh(): Promise<void>;
}

export interface OpenOptions {
  now?: () => number;
  onError?: (error: unknown) => void;
  /**
   * Given the store as first read, whole, before the open store keeps its part of it: the Slack app checks the
   * letters folder against the file records here, which nothing afterwards needs.
   */
  opened?: (data: StoreData) => Promise<void>;
}

/** What the open store keeps of one read of the store. */
interface Held {
  holdings: Holdings;
  ingested: readonly Ingested[];
  subscriptions: readonly Subscription[];
}

function hold(data: StoreData): Held {
  return {
    holdings: createHoldings(withoutHashes(data.letters), data.ingested),
    ingested: data.ingested,
    subscriptions: data.subscriptions,
  };
}

/**
 * The letters as held (`HeldLetter`): without their files' hashes, which nothing that answers reads. Changed in
 * place, since the store just read is held by nothing else once `opened` has seen it.
 */
function withoutHashes(letters: Letter[]): HeldLetter[] {
  for (const letter of letters) (letter as HeldLetter).source = { file: letter.source.file };
  return letters;
}

export async function openStore(file: string, options: OpenOptions = {}): Promise<OpenStore> {
  const now = options.now ?? Date.now;
  // Before the read: a change made while it reads is seen at the next check, rather than missed.
  let modified = mtime(file);
  const first = await readStoreShared(file);
  await options.opened?.(first);
  let held = hold(first);
  let checked = now();
  let reloading: Promise<void> | null = null;

  const refresh = async () => {
    const current = mtime(file);
    if (current === modified) return;
    if (current === null) {
      // Gone (deleted, or its disk unmounted): a store that is not there reads as empty, and answering "no letters"
      // would lose every letter held. The letters held are kept, this is said once, and the file is read again when
      // it is back. (An ingest replaces the file by a rename, so it is never missing while one writes.)
      modified = null;
      throw new StoreError(
        file,
        `is not there any more; answering from the ${held.holdings.letters.length} letters already loaded until it is back`,
      );
    }
    const fresh = await readStoreShared(file);
    // Letters change only on ingest, which logs each change: keep the index (and the caches built on it) when only
    // subscriptions changed.
    held =
      fresh.letters.length !== held.holdings.letters.length ||
      JSON.stringify(fresh.ingested) !== JSON.stringify(held.ingested)
        ? hold(fresh)
        : { ...held, subscriptions: fresh.subscriptions };
    modified = current;
  };
  const check = () => {
    if (now() - checked > 1000 && !reloading) {
      checked = now();
      if (mtime(file) !== modified) {
        // Answer from what we have; the next question sees the new store.
        reloading = refresh()
          .catch((error: unknown) => options.onError?.(error))
          .finally(() => {
            reloading = null;
          });
      }
    }
  };
  return {
    subscriptions() {
      check();
      return held.subscriptions;
    },
    holdings() {
      check();
      return held.holdings;
    },
    lastIngest: () =>
      held.ingested.reduce<string | null>(
        (latest, e) => (latest === null || e.at > latest ? e.at : latest),
        null,
      ),
    ingested: () => held.ingested,
    refresh,
  };
}

function mtime(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}
