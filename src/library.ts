import { statSync } from "node:fs";
import { createHoldings, type Holdings } from "./answers/index.ts";
import { readStore } from "./store/store.ts";

/**
 * The stored letters as the bot answers from them: indexed once, and indexed again when the store file changes
 * (an `ombuds ingest` while the bot runs), checked at most once a second so a busy bot does not stat per request.
 */
export interface Library {
  holdings(): Holdings;
  /** When the store was last written, as ISO text; null when there is no store yet. */
  lastIngest(): string | null;
  refresh(): Promise<void>;
}

export async function openLibrary(
  file: string,
  options: { now?: () => number; onError?: (error: unknown) => void } = {},
): Promise<Library> {
  const now = options.now ?? Date.now;
  let holdings = createHoldings((await readStore(file)).data.letters);
  let modified = mtime(file);
  let checked = now();
  let reloading: Promise<void> | null = null;

  const refresh = async () => {
    const current = mtime(file);
    if (current === modified) return;
    holdings = createHoldings((await readStore(file)).data.letters);
    modified = current;
  };
  return {
    holdings() {
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
      return holdings;
    },
    lastIngest: () => (modified === null ? null : new Date(modified).toISOString()),
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
