import { type Answer, ask, type Holdings } from "../../src/answers/index.ts";
import { store } from "../answers/store.ts";
import { authorities, holdings, NOW } from "../answers/support.ts";

/**
 * Answers from the real answering code over real parsed letters: the generated store of 2022–2024 beside the 2020
 * samples (test/answers/store.ts), so that each kind of chart is drawn from what the bot would say.
 */

export const QUESTIONS = {
  /** One council: Sefton's 2024 rates against the metropolitan borough averages. */
  rates: "Sefton",
  comparison: "compare Sefton and Bury",
  ranking: "which councils have the highest upheld rate?",
  /** Bury: no investigations in 2023 (upheld and remedy not calculable), no letter for 2021. */
  trend: "how has Bury changed over the years?",
} as const;

export function answerTo(question: string, held: Holdings = store): Answer {
  return ask(question, held, { authorities, now: NOW });
}

export { holdings as samples, store };
