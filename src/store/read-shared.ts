import { createReadStream } from "node:fs";
import { identityOf, readChecked, vouchedByIdentity } from "./checked.ts";
import { nodeFs } from "./files.ts";
import { SCHEMA_VERSION, type StoreData } from "./schema.ts";
import { Repeats, shareRepeats } from "./shared.ts";
import { readStore } from "./store.ts";

/**
 * The store read to be kept in memory (the Slack app's answering thread), each repeated value once (`Repeats`).
 *
 * The usual file, the one this ombuds wrote and nobody has touched since (its validation record vouches for it by
 * its identity: checked.ts), is read a line at a time, as `stringify` writes it (one record a line), and each
 * letter's repeats are shared as soon as it is parsed: the heap never holds the file's text (as large as the file)
 * or a letter's duplicate parts for longer than a line takes. Read whole, a 32,000-letter store (51 MB) left its text
 * and the duplicates in the old generation, where they stayed resident, uncollected, through the first thousand
 * answers (the bot's RSS some 15 MB higher). Any other file (a copy, one to validate or migrate, one that does not
 * read as `stringify` writes) is read as `readStore` reads it, and its repeats shared after. Either way the data is
 * what `readStore` gives.
 */
export async function readStoreShared(file: string): Promise<StoreData> {
  const before = await identityOf(file, nodeFs);
  if (before !== null && vouchedByIdentity(await readChecked(file, nodeFs), before)) {
    const data = await readLines(file);
    // Replaced while it was read: the lines may be of two files, so read it again the careful way.
    if (data && (await identityOf(file, nodeFs)) === before) return data;
  }
  const { data } = await readStore(file);
  shareRepeats(data);
  return data;
}

const KEY = /^ {2}"([^"\\]+)": (.*)$/;

const withoutComma = (line: string): string => (line.endsWith(",") ? line.slice(0, -1) : line);

/** The store as `stringify` writes it, a line at a time; undefined for text in any other form or version. */
async function readLines(file: string): Promise<StoreData | undefined> {
  const repeats = new Repeats();
  const data: Record<string, unknown> = {};
  let state = "start" as "start" | "keys" | "items" | "end";
  // The array being read (in state "items"): its key and what has been read of it.
  let array = "";
  let items: unknown[] = [];
  /** One line's part of the store; false when it is not as `stringify` writes it. */
  const take = (line: string): boolean => {
    switch (state) {
      case "start":
        state = "keys";
        return line === "{";
      case "items": {
        if (line === "  ]" || line === "  ],") {
          data[array] = items;
          state = "keys";
          return true;
        }
        const item: unknown = JSON.parse(withoutComma(line));
        if (array === "letters") items.push(repeats.letter(item as StoreData["letters"][number]));
        else if (array === "ingested") items.push(repeats.ingested(item as StoreData["ingested"][number]));
        else items.push(item);
        return true;
      }
      case "keys": {
        if (line === "}") {
          state = "end";
          return true;
        }
        const match = KEY.exec(line);
        if (!match) return false;
        const [, key, value] = match as unknown as [string, string, string];
        if (value === "[") {
          state = "items";
          array = key;
          items = [];
        } else data[key] = JSON.parse(withoutComma(value));
        return true;
      }
      case "end":
        return line === "";
    }
  };
  const input = createReadStream(file, { encoding: "utf8" });
  try {
    for await (const lines of linesOf(input)) for (const line of lines) if (!take(line)) return undefined;
  } catch {
    // A line that does not parse: not as `stringify` writes.
    return undefined;
  } finally {
    input.destroy();
  }
  return state === "end" && data.schemaVersion === SCHEMA_VERSION ? (data as StoreData) : undefined;
}

/** The lines of a text stream, without their line ends (a last line without one is a line too). */
async function* linesOf(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let rest = "";
  for await (const chunk of chunks) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() as string;
    yield lines;
  }
  if (rest !== "") yield [rest];
}
