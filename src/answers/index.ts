export { DIGEST_COMMANDS } from "./about.ts";
export * from "./answer.ts";
export { answer, ask, EXAMPLES } from "./ask.ts";
export { councilsStartingWith, findCouncils } from "./councils.ts";
export { createHoldings, type Holdings, latestWithConcerns } from "./holdings.ts";
export { CONCERN_LABEL } from "./labels.ts";
export { formatValue, MEASURES, METRIC_LIST, METRICS, type Measure } from "./metrics.ts";
export { type Context, cleanText, Filters, Intent, Question } from "./question.ts";
export { understand } from "./understand.ts";
