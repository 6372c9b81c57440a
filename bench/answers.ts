import { ask, createHoldings, findCouncils } from "../src/answers/index.ts";
import { loadAuthorities } from "../src/authorities/index.ts";
import { readStore } from "../src/store/store.ts";
import { type Figure, percentile } from "./figure.ts";

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

/** Issue 4's figures: answer latency in process over the 10,000-letter store, and resolving a typo. */
export async function benchAnswers(store: string): Promise<Figure[]> {
  const authorities = loadAuthorities();
  const { data } = await readStore(store);
  const holdings = createHoldings(data.letters);
  const context = { authorities, now: new Date("2026-11-25T12:00:00Z") };

  for (let i = 0; i < 3; i++) for (const q of QUESTIONS) ask(q, holdings, context);
  const latencies: number[] = [];
  for (let round = 0; round < 40; round++) {
    for (const q of QUESTIONS) {
      const started = performance.now();
      ask(q, holdings, context);
      latencies.push(performance.now() - started);
    }
  }
  const typo: number[] = [];
  for (let round = 0; round < 200; round++) {
    for (const word of TYPOS) {
      const started = performance.now();
      const found = findCouncils(word, authorities);
      typo.push(performance.now() - started);
      if (round === 0 && found.councils.length !== 1)
        throw new Error(`typo "${word}" did not resolve to one council`);
    }
  }
  return [
    {
      name: `answer latency p99 (${latencies.length} mixed questions)`,
      value: percentile(latencies, 99),
      unit: "ms",
      target: 5,
      kind: "max",
      digits: 2,
    },
    {
      name: `resolve a typo p99 (${typo.length} look-ups)`,
      value: percentile(typo, 99),
      unit: "ms",
      target: 1,
      kind: "max",
      digits: 3,
    },
  ];
}
