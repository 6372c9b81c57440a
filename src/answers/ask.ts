import type { AuthorityType } from "../authorities/schema.ts";
import type { Letter, Metric } from "../letters/schema.ts";
import {
  type Answer,
  type AuthorityRef,
  type ConcernFact,
  type CouncilFacts,
  type RateFact,
  type Source,
  typeLabel,
} from "./answer.ts";
import { type Holdings, latestWithConcerns } from "./holdings.ts";
import { CONCERN_LABEL } from "./labels.ts";
import { baseOf, METRIC_LIST, METRICS, rateOf } from "./metrics.ts";
import { type Context, type Question, understand } from "./question.ts";

/** Below this many cases a rate swings widely; the answer says by how much one case moves it. */
const SMALL_BASE = 10;
const RANKING_ROWS = 10;

export const EXAMPLES = [
  "Sefton",
  "what's Bury's upheld rate?",
  "how does Stockport compare with similar councils?",
  "any concerns for Sefton?",
  "compare Bury and Sefton",
  "which councils have the highest upheld rate?",
  "which metropolitan boroughs are above average on upheld?",
  "who had witness summonses?",
  "what does compliance mean?",
  "what do you hold?",
];

/** Text in, answer out: the whole answers layer in one call. */
export function ask(text: string, holdings: Holdings, context: Omit<Context, "latestYear">): Answer {
  return answer(understand(text, { ...context, latestYear: holdings.latestYear }), holdings);
}

function empty(question: Question, kind: Answer["kind"], title: string, lines: string[]): Answer {
  return {
    question,
    kind,
    title,
    lines,
    councils: [],
    ranking: null,
    trend: null,
    concerns: [],
    holdings: null,
    caveats: [],
    suggestions: [],
  };
}

const sourceOf = (letter: Letter): Source => ({
  id: letter.id,
  year: letter.year,
  file: letter.source.file,
  letterDate: letter.letterDate,
});
const authorityOf = (letter: Letter): AuthorityRef => ({ ...letter.authority });

export function answer(question: Question, holdings: Holdings): Answer {
  switch (question.intent) {
    case "help":
      return help(question);
    case "meaning":
      return meaning(question);
    case "holdings":
      return held(question, holdings);
    case "ranking":
      return ranking(question, holdings);
    case "unclear":
      return unclear(question);
    default:
      break;
  }
  if (question.intent === "concerns" && question.councils.length === 0 && question.ambiguous.length === 0) {
    return allConcerns(question, holdings);
  }

  // Every other answer is about named councils: resolve them to letters first.
  if (question.councils.length === 0) {
    if (question.ambiguous.length > 0) return ambiguous(question);
    return unknownCouncil(question, holdings);
  }
  const letters: Letter[] = [];
  const missing: string[] = [];
  for (const council of question.councils) {
    const all = holdings.ofCouncil(council.name);
    const letter = question.year === null ? all[0] : all.find((l) => l.year === question.year);
    if (letter) letters.push(letter);
    else missing.push(council.shortName);
  }
  const notices = typoNotices(question);
  if (letters.length === 0) return noLetter(question, holdings, notices);
  const caveats = [...notices];
  for (const name of missing) caveats.push(noLetterLine(question, name, holdings));
  if (question.ambiguous.length > 0) caveats.push(...question.ambiguous.map(ambiguityLine));

  let result: Answer;
  const [first] = letters as [Letter, ...Letter[]];
  if (question.intent === "side_by_side" && letters.length >= 2)
    result = sideBySide(question, letters, holdings);
  else if (question.intent === "concerns") result = councilConcerns(question, first, holdings);
  else if (question.intent === "trend") result = trend(question, first, holdings);
  else if (question.intent === "similar") result = similar(question, first, holdings);
  else if (question.intent === "metric" && question.metric)
    result = oneMetric(question, first, question.metric, holdings);
  else if (letters.length >= 2) result = sideBySide(question, letters, holdings);
  else result = summary(question, first, holdings);
  result.caveats.unshift(...caveats);
  return result;
}

function typoNotices(question: Question): string[] {
  return question.councils
    .filter((c) => c.typo)
    .map((c) => `Did you mean ${c.shortName}? I read “${c.words}” as ${c.name}.`);
}

function ambiguityLine(a: Question["ambiguous"][number]): string {
  return `“${a.words}” could be ${listOr(a.candidates)}: say which.`;
}

function listOr(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function listAnd(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function noLetterLine(question: Question, name: string, holdings: Holdings): string {
  if (holdings.letters.length === 0) {
    return "I hold no letters yet: ingest some with `ombuds ingest` (npm start ingests data/letters).";
  }
  const council = question.councils.find((c) => c.shortName === name);
  const years = council ? holdings.ofCouncil(council.name).map((l) => l.year) : [];
  if (question.year !== null && years.length > 0) {
    return `I hold no ${question.year} letter for ${name}; I have ${listAnd(years.map(String))}.`;
  }
  return `I know ${name} but hold no annual review letter for it yet.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Facts about one letter

function rateFact(letter: Letter, metric: Metric, holdings: Holdings): RateFact {
  const { rate, average } = rateOf(letter, metric);
  const difference = rate !== null && average !== null ? rate - average : null;
  const position = difference === null ? null : difference > 0 ? "above" : difference < 0 ? "below" : "level";
  let rank: RateFact["rank"] = null;
  if (rate !== null && letter.authority.type) {
    const rates = holdings
      .peersOf(letter)
      .map((peer) => rateOf(peer, metric).rate)
      .filter((r): r is number => r !== null);
    rank = {
      position: rates.filter((r) => r > rate).length + 1,
      of: rates.length,
      tied: rates.filter((r) => r === rate).length,
    };
  }
  const base = baseOf(letter, metric);
  return {
    metric,
    label: METRICS[metric].label,
    rate,
    average,
    difference,
    position,
    rank,
    base,
    baseLabel:
      metric === "upheld"
        ? "investigations"
        : metric === "compliance"
          ? "compliance outcomes"
          : "upheld complaints",
  };
}

function concernFacts(letter: Letter, filter?: (c: Letter["concerns"][number]) => boolean): ConcernFact[] {
  return letter.concerns
    .filter((c) => (filter ? filter(c) : true))
    .map((c) => ({ authority: authorityOf(letter), year: letter.year, ...c, source: sourceOf(letter) }));
}

function councilFacts(
  letter: Letter,
  metrics: Metric[],
  holdings: Holdings,
  withConcerns = true,
): CouncilFacts {
  const noStatistics = !letter.stats.upheld && !letter.stats.compliance && !letter.stats.remedy;
  return {
    authority: authorityOf(letter),
    source: sourceOf(letter),
    noStatistics,
    rates: noStatistics ? [] : metrics.map((m) => rateFact(letter, m, holdings)),
    concerns: withConcerns ? concernFacts(letter) : [],
  };
}

/** "based on 5 investigations: one case moves the rate by 20 points", for each small base. */
function smallNumberCaveats(facts: CouncilFacts[]): string[] {
  const out: string[] = [];
  for (const council of facts) {
    for (const rate of council.rates) {
      if (rate.base !== null && rate.base > 0 && rate.base < SMALL_BASE && rate.rate !== null) {
        out.push(
          `${council.authority.shortName}'s ${rate.label.toLowerCase()} rate is based on ${rate.base} ${rate.base === 1 ? rate.baseLabel.replace(/s$/, "") : rate.baseLabel}: one case moves it by ${Math.round(100 / rate.base)} points.`,
        );
      } else if (rate.base === 0) {
        out.push(`${council.authority.shortName} had no ${rate.baseLabel} for ${rate.label.toLowerCase()}.`);
      }
    }
  }
  return out;
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

/** "Complaints upheld: 81%, 14 points above the similar-authority average of 67%; the highest of the 3 …". */
function comparisonLine(fact: RateFact, type: AuthorityType | null): string {
  if (fact.rate === null) return `${fact.label}: the letter gives no rate.`;
  let where = "";
  if (fact.average !== null && fact.difference !== null) {
    const points = Math.abs(fact.difference);
    where =
      fact.position === "level"
        ? `, level with the similar-authority average of ${fact.average}%`
        : `, ${points} point${points === 1 ? "" : "s"} ${fact.position} the similar-authority average of ${fact.average}%`;
  }
  return `${fact.label}: ${fact.rate}%${where}${rankPhrase(fact, type)}.`;
}

function rankPhrase(fact: RateFact, type: AuthorityType | null): string {
  if (!fact.rank || fact.rank.of < 2) return "";
  const { position, of, tied } = fact.rank;
  const place =
    position === 1
      ? "the highest"
      : position + tied - 1 === of
        ? "the lowest"
        : `${ordinal(position)} highest`;
  return `; ${tied > 1 ? `joint ${place.replace("the ", "")}` : place} of the ${of} ${typeLabel(type, true)} I hold`;
}

// ---------------------------------------------------------------------------------------------------------------
// The answers

function summary(question: Question, letter: Letter, holdings: Holdings): Answer {
  const facts = councilFacts(letter, METRIC_LIST, holdings);
  const result = empty(
    question,
    "summary",
    `${letter.authority.name}: ${letter.year} annual review letter`,
    [],
  );
  result.councils = [facts];
  result.concerns = facts.concerns;
  if (facts.noStatistics) {
    result.lines.push(
      `The ${letter.year} letter to ${letter.authority.shortName} gives no complaint statistics.`,
    );
  } else {
    for (const fact of facts.rates) result.lines.push(comparisonLine(fact, letter.authority.type));
  }
  const worries = facts.concerns.filter((c) => c.tone === "concern").length;
  const praise = facts.concerns.filter((c) => c.tone === "praise").length;
  result.lines.push(
    worries + praise === 0
      ? "The letter raises no concerns and gives no particular praise."
      : `The letter raises ${worries} concern${worries === 1 ? "" : "s"}${praise ? ` and gives praise on ${praise} point${praise === 1 ? "" : "s"}` : ""}.`,
  );
  result.caveats.push(...smallNumberCaveats([facts]), ...warningCaveats(letter));
  result.suggestions.push(
    `how does ${letter.authority.shortName} compare with similar councils?`,
    `any concerns for ${letter.authority.shortName}?`,
    ...(holdings.ofCouncil(letter.authority.name).length > 1
      ? [`how has ${letter.authority.shortName} changed over the years?`]
      : []),
  );
  return result;
}

/** Figures the parser could not read with certainty are null; say so rather than leave a silent gap. */
function warningCaveats(letter: Letter): string[] {
  const unread = letter.warnings.filter(
    (w) => w.field.startsWith("stats.") && /not found|conflicting|not a possible|may be/.test(w.message),
  );
  return unread.length > 0
    ? [
        `Some figures in ${letter.authority.shortName}'s letter could not be read with certainty and are left out (${unread.map((w) => w.field.replace("stats.", "")).join(", ")}).`,
      ]
    : [];
}

function oneMetric(question: Question, letter: Letter, metric: Metric, holdings: Holdings): Answer {
  const facts = councilFacts(letter, [metric], holdings, false);
  const result = empty(
    question,
    "metric",
    `${letter.authority.shortName}: ${METRICS[metric].label.toLowerCase()}, ${letter.year}`,
    [],
  );
  result.councils = [facts];
  result.lines.push(
    facts.noStatistics
      ? `The ${letter.year} letter to ${letter.authority.shortName} gives no complaint statistics.`
      : comparisonLine(facts.rates[0] as RateFact, letter.authority.type),
  );
  result.caveats.push(...smallNumberCaveats([facts]), ...warningCaveats(letter));
  result.suggestions.push(
    `what does ${METRICS[metric].short} mean?`,
    `which councils have the highest ${METRICS[metric].short} rate?`,
    letter.authority.shortName,
  );
  return result;
}

function similar(question: Question, letter: Letter, holdings: Holdings): Answer {
  const metrics = question.metric ? [question.metric] : METRIC_LIST;
  const facts = councilFacts(letter, metrics, holdings, false);
  const type = letter.authority.type;
  const result = empty(
    question,
    "similar",
    `${letter.authority.shortName} against similar authorities, ${letter.year}`,
    [],
  );
  result.councils = [facts];
  if (facts.noStatistics) {
    result.lines.push(
      `The ${letter.year} letter to ${letter.authority.shortName} gives no complaint statistics to compare.`,
    );
  } else {
    result.lines.push(
      `Each rate against the average the Ombudsman gives for ${typeLabel(type, true)}${type ? "" : " (type unknown)"}:`,
      ...facts.rates.map((fact) => comparisonLine(fact, type)),
    );
  }
  result.caveats.push(...smallNumberCaveats([facts]), ...warningCaveats(letter));
  const peers = holdings.peersOf(letter).length;
  if (peers < 5 && !facts.noStatistics) {
    result.caveats.push(
      `The rank is among the ${peers} ${typeLabel(type, true)} I hold letters for in ${letter.year}, not all of England's.`,
    );
  }
  result.suggestions.push(
    `which ${typeLabel(type, true)} are above average on upheld?`,
    `any concerns for ${letter.authority.shortName}?`,
  );
  return result;
}

function councilConcerns(question: Question, letter: Letter, holdings: Holdings): Answer {
  const wanted = (c: Letter["concerns"][number]) =>
    (question.category === null || c.category === question.category) &&
    (question.tone === null || c.tone === question.tone);
  const concerns = concernFacts(letter, wanted);
  const result = empty(
    question,
    "concerns",
    `${letter.authority.shortName}: concerns and praise in the ${letter.year} letter`,
    [],
  );
  result.councils = [{ ...councilFacts(letter, [], holdings, false), concerns }];
  result.concerns = concerns;
  const what = question.category
    ? CONCERN_LABEL[question.category].toLowerCase()
    : question.tone === "praise"
      ? "praise"
      : "concerns or praise";
  result.lines.push(
    concerns.length === 0
      ? `The ${letter.year} letter to ${letter.authority.shortName} raises no ${what}.`
      : `The ${letter.year} letter to ${letter.authority.shortName}: ${concerns.map((c) => c.summary.charAt(0).toLowerCase() + c.summary.slice(1)).join("; ")}.`,
  );
  result.suggestions.push(letter.authority.shortName, "who had concerns raised?");
  return result;
}

function allConcerns(question: Question, holdings: Holdings): Answer {
  const year = question.year ?? holdings.latestYear;
  const letters =
    year === null
      ? []
      : holdings.ofYear(year).filter((l) => question.type === null || l.authority.type === question.type);
  const tone =
    question.tone ??
    (question.category === "training" || question.category === "improvement" ? null : "concern");
  const concerns = letters.flatMap((l) =>
    concernFacts(
      l,
      (c) =>
        (question.category === null || c.category === question.category) &&
        (tone === null || c.tone === tone),
    ),
  );
  const councils = [...new Set(concerns.map((c) => c.authority.shortName))];
  const what = question.category
    ? CONCERN_LABEL[question.category].toLowerCase()
    : tone === "praise"
      ? "praise"
      : "concerns";
  const result = empty(question, "concerns", `Councils with ${what}${year ? `, ${year}` : ""}`, []);
  result.concerns = concerns;
  result.lines.push(
    year === null
      ? "I hold no letters yet."
      : councils.length === 0
        ? `No ${year} letter I hold raises ${what}${question.type ? ` for ${typeLabel(question.type, true)}` : ""} (${letters.length} letters).`
        : `${councils.length} of the ${letters.length} council${letters.length === 1 ? "" : "s"} with a ${year} letter: ${listAnd(councils)}.`,
  );
  result.suggestions.push(
    ...councils.slice(0, 2).map((c) => `any concerns for ${c}?`),
    "who had witness summonses?",
  );
  return result;
}

function sideBySide(question: Question, letters: Letter[], holdings: Holdings): Answer {
  const metrics = question.metric ? [question.metric] : METRIC_LIST;
  const facts = letters.map((l) => councilFacts(l, metrics, holdings));
  const names = letters.map((l) => l.authority.shortName);
  const result = empty(question, "side_by_side", `${listAnd(names)} side by side`, []);
  result.councils = facts;
  result.concerns = facts.flatMap((f) => f.concerns);
  for (const metric of metrics) {
    const rated = facts
      .map((f) => ({ name: f.authority.shortName, fact: f.rates.find((r) => r.metric === metric) }))
      .filter((x): x is { name: string; fact: RateFact } => x.fact?.rate != null);
    if (rated.length === 0) continue;
    result.lines.push(
      `${METRICS[metric].label}: ${rated.map(({ name, fact }) => `${name} ${fact.rate}%${fact.average !== null ? ` (avg ${fact.average}%)` : ""}`).join(", ")}.`,
    );
  }
  for (const f of facts.filter((x) => x.noStatistics)) {
    result.lines.push(`${f.authority.shortName}'s ${f.source.year} letter gives no complaint statistics.`);
  }
  const years = new Set(letters.map((l) => l.year));
  if (years.size > 1)
    result.caveats.push(`The letters are from different years (${[...years].sort().join(", ")}).`);
  const types = new Set(letters.map((l) => l.authority.type));
  if (types.size > 1)
    result.caveats.push("These are different kinds of council, each compared with its own kind's average.");
  result.caveats.push(...smallNumberCaveats(facts));
  result.suggestions.push(...names.slice(0, 2).map((n) => `how does ${n} compare with similar councils?`));
  return result;
}

function trend(question: Question, latest: Letter, holdings: Holdings): Answer {
  const all = [...holdings.ofCouncil(latest.authority.name)].sort((a, b) => a.year - b.year);
  const points = all.map((l) => ({
    year: l.year,
    upheld: l.stats.upheld?.rate ?? null,
    compliance: l.stats.compliance?.rate ?? null,
    remedy: l.stats.remedy?.rate ?? null,
    source: sourceOf(l),
  }));
  const result = empty(question, "trend", `${latest.authority.shortName} over the years`, []);
  result.trend = { authority: authorityOf(latest), points };
  if (points.length < 2) {
    result.lines.push(
      `I hold only the ${latest.year} letter for ${latest.authority.shortName}, so there is no change to show yet.`,
    );
    result.councils = [councilFacts(latest, METRIC_LIST, holdings)];
  } else {
    const metrics = question.metric ? [question.metric] : METRIC_LIST;
    for (const metric of metrics) {
      const series = points.filter((p) => p[metric] !== null);
      const [from, to] = [series[0], series[series.length - 1]];
      if (!from || !to || from === to) continue;
      const change = (to[metric] as number) - (from[metric] as number);
      result.lines.push(
        `${METRICS[metric].label}: ${from[metric]}% in ${from.year} to ${to[metric]}% in ${to.year} (${change === 0 ? "no change" : `${change > 0 ? "up" : "down"} ${Math.abs(change)} points`}).`,
      );
    }
  }
  result.suggestions.push(
    latest.authority.shortName,
    `how does ${latest.authority.shortName} compare with similar councils?`,
  );
  return result;
}

function ranking(question: Question, holdings: Holdings): Answer {
  const metric = question.metric ?? "upheld";
  const year = question.year ?? holdings.latestYear;
  const info = METRICS[metric];
  const scope = question.type ? typeLabel(question.type, true) : "councils";
  const result = empty(question, "ranking", "", []);
  if (year === null) {
    result.title = "Nothing to rank yet";
    result.lines.push("I hold no letters yet.");
    return result;
  }
  let rows = holdings
    .ofYear(year)
    .filter((l) => question.type === null || l.authority.type === question.type)
    .map((l) => ({ letter: l, ...rateOf(l, metric) }))
    .filter((r): r is { letter: Letter; rate: number; average: number | null } => r.rate !== null);
  const withRates = rows.length;
  if (question.relative) {
    rows = rows.filter(
      (r) => r.average !== null && (question.relative === "above" ? r.rate > r.average : r.rate < r.average),
    );
  }
  const order =
    question.relative === "below" && !/\b(?:highest|lowest|top|bottom)\b/i.test(question.text)
      ? "lowest"
      : question.order;
  rows.sort(
    (a, b) =>
      (order === "highest" ? b.rate - a.rate : a.rate - b.rate) ||
      a.letter.authority.shortName.localeCompare(b.letter.authority.shortName),
  );
  const limit = question.limit ?? RANKING_ROWS;
  const shown = rows.slice(0, limit);
  result.ranking = {
    metric,
    label: info.label,
    year,
    type: question.type,
    order,
    relative: question.relative,
    total: rows.length,
    rows: shown.map((r) => ({
      authority: authorityOf(r.letter),
      rate: r.rate,
      average: r.average,
      base: baseOf(r.letter, metric),
      source: sourceOf(r.letter),
    })),
  };
  const relative = question.relative ? ` ${question.relative} their similar-authority average` : "";
  result.title = question.relative
    ? `${capitalise(scope)}${relative} on ${info.label.toLowerCase()}, ${year}`
    : `${capitalise(order)} ${info.label.toLowerCase()} rates among ${scope}, ${year}`;
  result.lines.push(
    rows.length === 0
      ? `None of the ${withRates} ${scope} with a ${year} ${info.short} rate ${question.relative ? `is${relative}` : "qualifies"}.`
      : question.relative
        ? `${rows.length} of the ${withRates} ${scope} with a ${year} ${info.short} rate ${rows.length === 1 ? "is" : "are"}${relative}.`
        : rows.length === 1
          ? `The only ${question.type ? typeLabel(question.type) : "council"} with a ${year} ${info.short} rate.`
          : `${shown.length === rows.length ? `All ${rows.length}` : `${shown.length} of ${rows.length}`} ${scope} with a ${year} ${info.short} rate, ${order} first.`,
  );
  const small = shown.filter((r) => {
    const base = baseOf(r.letter, metric);
    return base !== null && base < SMALL_BASE;
  });
  if (small.length > 0) {
    result.caveats.push(
      `${shown.length === 1 ? "This rate rests" : small.length === shown.length ? "All of these rates rest" : `${small.length} of these rates ${small.length === 1 ? "rests" : "rest"}`} on fewer than ${SMALL_BASE} cases, where one case moves a rate by 10 points or more.`,
    );
  }
  if (holdings.ofYear(year).length < 30) {
    result.caveats.push(
      `I hold ${holdings.ofYear(year).length} letter${holdings.ofYear(year).length === 1 ? "" : "s"} for ${year}: this ranks those, not every council in England.`,
    );
  }
  result.suggestions.push(
    `what does ${info.short} mean?`,
    ...shown.slice(0, 1).map((r) => r.letter.authority.shortName),
  );
  return result;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function held(question: Question, holdings: Holdings): Answer {
  const councils = holdings.councils;
  const byType = new Map<AuthorityType | null, number>();
  for (const letter of councils)
    byType.set(letter.authority.type, (byType.get(letter.authority.type) ?? 0) + 1);
  const latest = holdings.latestYear;
  const withConcerns = latestWithConcerns(holdings).map((l) => l.authority.shortName);
  const result = empty(question, "holdings", "What I hold", []);
  result.holdings = {
    letters: holdings.letters.length,
    councils: councils.length,
    years: [...holdings.years],
    byType: [...byType.entries()].map(([type, count]) => ({ type, councils: count })),
    withConcerns,
  };
  result.lines.push(
    holdings.letters.length === 0
      ? "I hold no letters yet: ingest some with `ombuds ingest`."
      : `${holdings.letters.length} letter${holdings.letters.length === 1 ? "" : "s"} for ${councils.length} council${councils.length === 1 ? "" : "s"}, ${holdings.years.length === 1 ? `year ${holdings.years[0]}` : `years ${holdings.years[0]} to ${latest}`}.`,
  );
  if (councils.length > 0 && councils.length <= 20) {
    result.lines.push(`Councils: ${listAnd(councils.map((l) => l.authority.shortName))}.`);
  }
  result.suggestions.push(...EXAMPLES.slice(0, 3));
  return result;
}

function meaning(question: Question): Answer {
  const info = METRICS[question.metric as Metric];
  const result = empty(question, "meaning", `What “${info.label.toLowerCase()}” means`, [info.meaning]);
  result.lines.push(
    "Each letter compares the council's rate with the average for similar authorities (county, district, metropolitan borough, unitary or London borough councils).",
  );
  result.suggestions.push(
    `which councils have the highest ${info.short} rate?`,
    `what's Sefton's ${info.short} rate?`,
  );
  return result;
}

function help(question: Question): Answer {
  const result = empty(question, "help", "What you can ask", [
    "Ask about a council's Ombudsman annual review letter in plain English, for example:",
    ...EXAMPLES.map((e) => `• ${e}`),
    "Add a year (“Sefton 2020”) for an earlier letter; by default I use the latest.",
  ]);
  return result;
}

function unclear(question: Question): Answer {
  const result = empty(question, "unclear", "I'm not sure what you're asking", [
    "I answer questions about councils' Ombudsman annual review letters. Try one of these:",
  ]);
  result.suggestions.push(...EXAMPLES.slice(0, 6));
  return result;
}

function ambiguous(question: Question): Answer {
  const result = empty(
    question,
    "ambiguous",
    "Which council do you mean?",
    question.ambiguous.map(ambiguityLine),
  );
  result.suggestions.push(...question.ambiguous.flatMap((a) => a.candidates.slice(0, 3)));
  return result;
}

function unknownCouncil(question: Question, holdings: Holdings): Answer {
  const words = question.unknown.join(" ");
  const result = empty(question, "unknown_council", "I don't know that council", [
    words
      ? `I don't know a council called “${words}”. I know every English principal council; check the spelling, or use its short name (“Sefton”, “Bath and North East Somerset”).`
      : "Which council? Name one, for example “Sefton”.",
  ]);
  result.suggestions.push(...holdings.councils.slice(0, 3).map((l) => l.authority.shortName));
  return result;
}

function noLetter(question: Question, holdings: Holdings, notices: string[]): Answer {
  const names = question.councils.map((c) => c.shortName);
  const result = empty(
    question,
    "no_letter",
    `No letter held for ${listAnd(names)}${question.year ? ` in ${question.year}` : ""}`,
    question.councils.map((c) => noLetterLine(question, c.shortName, holdings)),
  );
  result.caveats.push(...notices);
  result.suggestions.push("what do you hold?");
  return result;
}
