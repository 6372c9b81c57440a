export * from "./answer.ts";
export { answer, ask, EXAMPLES } from "./ask.ts";
export { findCouncils } from "./councils.ts";
export { createHoldings, type Holdings, latestWithConcerns } from "./holdings.ts";
export { CONCERN_LABEL } from "./labels.ts";
export { METRIC_LIST, METRICS } from "./metrics.ts";
export { type Context, cleanText, Intent, Question, understand } from "./question.ts";
