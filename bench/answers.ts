import { ask, createHoldings, findCouncils } from "../src/answers/index.ts";
import { loadAuthorities } from "../src/authorities/index.ts";
import { readStore } from "../src/store/store.ts";
import { atSize, type Figure, percentile } from "./figure.ts";

/** A mix of what officers ask: summaries, metrics, comparisons, rankings, concerns, typos, unknown names. */
export const QUESTIONS = [
  "Sefton",
  "how is sefton doing",
  "what's Bury's upheld rate?",
  "how does Stockport compare with similar councils?",
  "any concerns for Sefton?",
  "compare Bury and Sefton",
  "Bury vs Stockport vs Sefton vs Wigan",
  "which councils have the highest upheld rate?",
  "which metropolitan boroughs are above average on upheld?",
  "lowest compliance among districts",
  "top 20 remedy rates 2024",
  "who had concerns raised?",
  "who had witness summonses?",
  "what does compliance mean?",
  "what do you hold?",
  "how has Manchester changed over the years?",
  "Seftn",
  "Stockprt upheld",
  "Birmingam compared with similar councils",
  "Somerset",
  "Atlantis",
  "Cornwall 2021",
  "help",
  "what's the weather like?",
];
/** Questions about each council in turn, as many officers ask them: `count` of them, no two the same. */
const ABOUT = [
  (c: string) => c,
  (c: string) => `how is ${c} doing`,
  (c: string) => `what's ${c}'s upheld rate?`,
  (c: string) => `how does ${c} compare with similar councils?`,
  (c: string) => `any concerns for ${c}?`,
  (c: string) => `how has ${c} changed over the years?`,
];
export function newQuestions(count: number): string[] {
  const councils = loadAuthorities().all.map((a) => a.shortName);
  const questions: string[] = [];
  for (let i = 0; questions.length < count; i++) {
    const ask = ABOUT[i % ABOUT.length] as (c: string) => string;
    const council = councils[Math.floor(i / ABOUT.length) % councils.length] as string;
    questions.push(ask(council));
    if (i >= ABOUT.length * councils.length) throw new Error(`only ${questions.length} distinct questions`);
  }
  return questions;
}

const TYPOS = [
  "Seftn",
  "Stockprt",
  "Birmingam",
  "Manchster",
  "Wolverhamton",
  "Kirklee",
  "Gatesead",
  "Northumbrland",
];

/** The same councils as TYPOS, spelled right: what resolving a typo is measured against. */
const NAMES = [
  "Sefton",
  "Stockport",
  "Birmingham",
  "Manchester",
  "Wolverhampton",
  "Kirklees",
  "Gateshead",
  "Northumberland",
];

/** Each question `rounds` times, timed one by one, after three unmeasured rounds. */
function latencies(questions: readonly string[], rounds: number, answer: (q: string) => unknown): number[] {
  for (let i = 0; i < 3; i++) for (const q of questions) answer(q);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const q of questions) {
      const started = performance.now();
      answer(q);
      times.push(performance.now() - started);
    }
  }
  return times;
}

/**
 * Issue 4's figures as ratios, in process over the store of `letters` letters: the slowest answers (p99 of the mixed
 * questions) against the typical one (p50 of the same), for the reader; resolving a misspelled council against
 * resolving it spelled right (at most ten exact look-ups' worth: it compares the word with every name).
 */
export async function benchAnswers(store: string, letters: number): Promise<Figure[]> {
  const authorities = loadAuthorities();
  const { data } = await readStore(store);
  const holdings = createHoldings(data.letters);
  const context = { authorities, now: new Date("2026-11-25T12:00:00Z") };
  const size = atSize(letters);

  const answers = latencies(QUESTIONS, 40, (q) => ask(q, holdings, context));
  const typos = latencies(TYPOS, 200, (word) => findCouncils(word, authorities));
  const names = latencies(NAMES, 200, (word) => findCouncils(word, authorities));
  for (const word of [...TYPOS, ...NAMES])
    if (findCouncils(word, authorities).councils.length !== 1)
      throw new Error(`"${word}" did not resolve to one council`);
  const p50 = percentile(answers, 50);
  const p99 = percentile(answers, 99);
  const typo = percentile(typos, 99);
  const name = percentile(names, 99);
  return [
    {
      name: `${size} answer p99 ÷ p50 (${p99.toFixed(2)} / ${p50.toFixed(2)} ms, ${answers.length} mixed questions)`,
      value: p99 / p50,
      unit: "×",
      // For the reader: what users wait for is held by the Slack figures (full answer vs bare Bolt, both modes).
      // In process, the p99 is set by the collections of the heap just loaded, not by the questions.
      target: null,
      kind: "max",
      digits: 2,
      growth: { series: "answer p99", letters, absolute: p99, unit: "ms" },
    },
    {
      name: `${size} typo p99 ÷ right spelling p99 (${(typo * 1000).toFixed(0)} / ${(name * 1000).toFixed(0)} µs)`,
      value: typo / name,
      unit: "×",
      target: 10,
      kind: "max",
      digits: 2,
    },
  ];
}
