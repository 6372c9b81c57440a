import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Authority, existedIn, slug } from "../src/authorities/index.ts";
import { randomSpec, seeded, writeLetter } from "../testkit/letters.ts";

/** 2030 down to 2000 (the stores up to 10,627 letters are as before), then 2031 up to 2100. */
const YEARS = [
  ...Array.from({ length: 31 }, (_, i) => 2030 - i),
  ...Array.from({ length: 70 }, (_, i) => 2031 + i),
];

export interface Corpus {
  dir: string;
  files: string[];
  texts: string[];
}

/**
 * `count` letters in the samples' formats, one per council and year (councils from authorities.json that existed
 * that year, years counted back from 2030 to 2000 and then on from 2031 to the schema's last, 2100, as far as needed:
 * 32,817 council-years in all, the largest store the reference list allows), with random figures, concerns and
 * layout variants. Deterministic for a seed. Written under `dir/<year>/` when `dir` is given.
 */
export function generateCorpus(
  count: number,
  authorities: readonly Authority[],
  seed = 2020,
  dir?: string,
): Corpus {
  const random = seeded(seed);
  const texts: string[] = [];
  const files: string[] = [];
  for (const year of YEARS) {
    if (texts.length >= count) break;
    if (dir) mkdirSync(join(dir, String(year)), { recursive: true });
    for (const authority of authorities) {
      if (texts.length >= count) break;
      if (!existedIn(authority, year)) continue;
      const text = writeLetter(randomSpec(random, authorities, { authority, year }));
      texts.push(text);
      if (dir) {
        const file = join(dir, String(year), `${slug(authority.shortName)}.txt`);
        writeFileSync(file, text);
        files.push(file);
      }
    }
  }
  if (texts.length < count)
    throw new Error(`only ${texts.length} council-years available for ${count} letters`);
  return { dir: dir ?? "", files, texts };
}
