import { readFileSync } from "node:fs";
import { createHoldings } from "../src/answers/index.ts";
import { composeDigest } from "../src/digest/compose.ts";
import { renderDigestText } from "../src/digest/text.ts";
import { readStore } from "../src/store/store.ts";
import { seeded } from "../testkit/letters.ts";
import { atSize, type Figure, median } from "./figure.ts";

const CHANNELS = 500;

/**
 * Issue 6's figure: composing the digest for 500 subscribed channels over the store of `letters` letters (some for
 * all councils, most with watch lists of up to 20), each rendered, in one pass as the weekly run would, against
 * `JSON.parse` of the store file's text in the same process (median of three): the weekly run for 500 channels
 * costs at most five readings of the store.
 */
export async function benchDigest(store: string, letters: number): Promise<Figure[]> {
  const { data } = await readStore(store);
  const holdings = createHoldings(data.letters);
  const names = [...new Set(data.letters.map((l) => l.authority.name))];
  const random = seeded(6);
  const channels = Array.from({ length: CHANNELS }, (_, i) => ({
    councils:
      i % 5 < 2
        ? []
        : Array.from(
            { length: 1 + Math.floor(random() * 20) },
            () => names[Math.floor(random() * names.length)] as string,
          ),
    since: i % 3 === 0 ? null : "2026-11-16T09:00:00.000Z",
  }));
  const now = new Date("2026-11-23T09:00:00Z");
  const started = performance.now();
  let characters = 0;
  for (const channel of channels) {
    const digest = composeDigest({
      holdings,
      ingested: data.ingested,
      councils: channel.councils,
      since: channel.since,
      now,
    });
    characters += renderDigestText(digest).length;
  }
  const ms = performance.now() - started;
  if (characters === 0) throw new Error("the digests came out empty");
  const text = readFileSync(store, "utf8");
  const parses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const at = performance.now();
    if ((JSON.parse(text) as { letters: unknown[] }).letters.length !== data.letters.length)
      throw new Error("the store changed under the bench");
    parses.push(performance.now() - at);
  }
  const parse = median(parses);
  return [
    {
      name: `${atSize(letters)} digest: ${CHANNELS} channels ÷ JSON.parse of the store (${ms.toFixed(0)} / ${parse.toFixed(0)} ms)`,
      value: ms / parse,
      unit: "×",
      target: 5,
      kind: "max",
      digits: 2,
    },
  ];
}
