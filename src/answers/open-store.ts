import { statSync } from "node:fs";
import type { FileRecord, Ingested, Subscription } from "../store/schema.ts";
import { readStore } from "../store/store.ts";
import { createHoldings, type Holdings } from "./holdings.ts";

/**
 * The store, open: its data as the bot answers from it (the letters as holdings, the subscriptions, the ingest log): indexed once, and indexed again when the store file changes
 * (an `ombuds ingest` while the bot runs), checked at most once a second so a busy bot does not stat per request.
 */
export interface OpenStore {
  holdings(): Holdings;
  /** The digest subscriptions as last read (the store is read again when its file changes). */
  subscriptions(): readonly Subscription[];
  /** When letters were last ingested, as ISO text; null when none have been. */
  lastIngest(): string | null;
  /** The ingest log: which letter was added or updated when (what a digest calls new). */
  ingested(): readonly Ingested[];
  /** The store's records of the letter files it was ingested from (which an ingest may skip). */
  files(): readonly FileRecord[];
  refresh(): Promise<void>;
}

export async function openStore(
  file: string,
  options: { now?: () => number; onError?: (error: unknown) => void } = {},
): Promise<OpenStore> {
  const now = options.now ?? Date.now;
  let data = (await readStore(file)).data;
  let holdings = createHoldings(data.letters);
  let modified = mtime(file);
  let checked = now();
  let reloading: Promise<void> | null = null;

  const refresh = async () => {
    const current = mtime(file);
    if (current === modified) return;
    const fresh = (await readStore(file)).data;
    // Letters change only on ingest, which logs each change: keep the index (and the caches built on it) when only
    // subscriptions changed.
    if (
      fresh.letters.length !== data.letters.length ||
      JSON.stringify(fresh.ingested) !== JSON.stringify(data.ingested)
    ) {
      holdings = createHoldings(fresh.letters);
    }
    data = fresh;
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
      return data.subscriptions;
    },
    holdings() {
      check();
      return holdings;
    },
    lastIngest: () =>
      data.ingested.reduce<string | null>(
        (latest, e) => (latest === null || e.at > latest ? e.at : latest),
        null,
      ),
    ingested: () => data.ingested,
    files: () => data.files,
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
