import { readFileSync } from "node:fs";
import { type Answer, ask, createHoldings, type Holdings } from "../../src/answers/index.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { renderAnswer } from "../../src/cli/answer.ts";
import type { Letter, Metric } from "../../src/letters/index.ts";
import { letterFrom } from "../support/records.ts";

/**
 * What the answers tests share: the five sample letters of 2020 as the bot holds them, a second year for Sefton
 * written from its 2020 letter, the figures the issue gives for each letter, and one fixed "now".
 */

export const NOW = new Date("2026-11-25T12:00:00Z");
export const authorities = loadAuthorities();

export const SAMPLE_DIR = "data/letters/2020";
export const SAMPLES = ["bath-and-north-east-somerset", "bromsgrove", "bury", "sefton", "stockport"] as const;

function parsed(text: string | Uint8Array, file: string): Letter {
  return letterFrom(text, file);
}

export const sampleLetters: Letter[] = SAMPLES.map((name) => {
  const file = `${SAMPLE_DIR}/${name}.txt`;
  return parsed(readFileSync(file), file);
});

/** Replaces `from` with `to`, failing loudly if the letter does not contain `from` (so no edit is silently lost). */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the Sefton letter no longer contains ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/**
 * Sefton's 2020 letter moved on a year: every 2020 becomes 2021 and every 2019 becomes 2020, and the figures become
 * upheld 75% (12 of 16, average 70%), compliance 100% (10 outcomes, average 100%), remedy 17% (2 of the 12 upheld,
 * average 12%).
 */
export const SEFTON_2021 = { upheld: [75, 70, 12, 16], compliance: [100, 100, 10], remedy: [17, 12, 2] };

export function seftonLetterOf2021(): Letter {
  let text = readFileSync(`${SAMPLE_DIR}/sefton.txt`, "utf8")
    .replaceAll("2020", "2021")
    .replaceAll("2019", "2020");
  text = edit(text, "81% of complaints we investigated", "75% of complaints we investigated");
  text = edit(text, "an average of **67%**", "an average of **70%**");
  text = edit(text, "13\nupheld decisions", "12\nupheld decisions");
  text = edit(text, "In **23%** of upheld cases", "In **17%** of upheld cases");
  text = edit(text, "an average of **11%**", "an average of **12%**");
  text = edit(text, "3\nsatisfactory remedy decisions", "2\nsatisfactory remedy decisions");
  return parsed(text, "data/letters/2021/sefton.txt");
}

/** The five samples: what `ombuds ingest` stores from data/letters/2020. */
export const holdings: Holdings = createHoldings(sampleLetters);

/** The five samples and Sefton's 2021 letter. */
export const twoYears: Holdings = createHoldings([...sampleLetters, seftonLetterOf2021()]);

export function answerTo(question: string, held: Holdings = holdings): { answer: Answer; text: string } {
  const answer = ask(question, held, { authorities, now: NOW });
  return { answer, text: renderAnswer(answer) };
}

/**
 * The figures for each letter with statistics: upheld rate/average/count/investigations, compliance
 * rate/average/outcomes, remedy rate/average/count. Bath and North East Somerset's letter gives none.
 */
export const FIGURES = {
  Bury: { upheld: [40, 67, 6, 15], compliance: [100, 100, 6], remedy: [0, 11, 0] },
  Bromsgrove: { upheld: [40, 45, 2, 5], compliance: [100, 99, 2], remedy: [0, 20, 0] },
  Stockport: { upheld: [59, 67, 10, 17], compliance: [100, 100, 9], remedy: [0, 11, 0] },
  Sefton: { upheld: [81, 67, 13, 16], compliance: [100, 100, 10], remedy: [23, 11, 3] },
} as const satisfies Record<string, Record<Metric, readonly number[]>>;
export type Rated = keyof typeof FIGURES;

/** The rate and similar-authority average the issue gives for a council's metric. */
export function figure(council: Rated, metric: Metric): { rate: number; average: number } {
  const [rate, average] = FIGURES[council][metric] as readonly [number, number, ...number[]];
  return { rate, average };
}
