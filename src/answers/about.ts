import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { AuthorityType } from "../authorities/schema.ts";
import { listAnd, listOr, plural } from "../phrasing.ts";
import type { Answer, Note } from "./answer.ts";
import { emptyAnswer, note, wantedYear } from "./facts.ts";
import { type Arrival, type Holdings, latestWithConcerns } from "./holdings.ts";
import { MEASURES } from "./metrics.ts";
import type { Question } from "./question.ts";

/**
 * The answers about the bot rather than a letter: help, the digest's commands, what a measure means, what is held,
 * and the answers for a question it cannot take as asked (unclear, an unknown or ambiguous council, no letter).
 */

export const EXAMPLES = [
  "Sefton",
  "what's Bury's upheld rate?",
  "how does Stockport compare with similar councils?",
  "any concerns for Sefton?",
  "compare Bury and Sefton",
  "which councils have the highest upheld rate?",
  "which metropolitan boroughs are above average on upheld?",
  "how many councils are below 100% on compliance?",
  "who had witness summonses?",
  "how has Sefton changed since 2020?",
  "which councils improved most since 2022?",
  "what does compliance mean?",
  "what do you hold?",
];

/** The digest's sub-commands, the same wherever typed: `/ombuds digest …`, a mention, a DM or the console. */
export const DIGEST_COMMANDS = [
  "digest on [councils…] [day] [HH:MM] [quiet]: a weekly digest in this channel (e.g. “digest on Bury, Sefton tuesday 08:30”)",
  "digest off: stop this channel's digest",
  "digest status: what this channel gets and when",
  "digest preview: this week's digest, shown only to you",
  "digest now: post this week's digest here now",
];

export function help(question: Question): Answer {
  return emptyAnswer(question, "help", "What you can ask", [
    "Ask about a council's Ombudsman annual review letter in plain English, for example:",
    ...EXAMPLES.map((e) => `• ${e}`),
    "Add a year (“Sefton 2020”, “2023/24”) for an earlier letter, or a range (“2020 to 2024”) for a change; by default I use the latest. Filters combine: a kind of council (“districts”, “met boroughs”), a threshold (“over 70%”, “below average”, “10 points above average”), “top 5”, “best” or “worst”, “how many”.",
    "The weekly digest:",
    ...DIGEST_COMMANDS.map((c) => `• ${c}`),
  ]);
}

/**
 * "digest …" reached the answers layer: the surface that took it (Slack, the console) runs the sub-commands itself,
 * so what is left is to say what they are.
 */
export function digest(question: Question): Answer {
  return emptyAnswer(question, "digest", "The weekly digest", [
    "The digest is set up per channel, with these commands (as `/ombuds digest …`, or typed to me in a mention or a DM):",
    ...DIGEST_COMMANDS.map((c) => `• ${c}`),
  ]);
}

/** What the letters' other terms mean, in the Ombudsman's sense. */
const TERM_MEANINGS: Record<NonNullable<Question["filters"]["term"]>, { term: string; meaning: string[] }> = {
  witness_summons: {
    term: "witness summons",
    meaning: [
      "A witness summons is a formal legal order the Ombudsman can issue to make a council provide information or documents (or an officer attend) for an investigation.",
      "It is used rarely, when a council has not answered the Ombudsman's enquiries despite repeated requests; a letter that mentions one says whether it was considered, threatened or issued.",
    ],
  },
  public_report: {
    term: "public report",
    meaning: [
      "The Ombudsman publishes a report on an investigation when it is in the public interest: significant fault or injustice, lessons for others, or a council that does not accept the recommendations.",
      "The council must make the report public and consider it formally; the annual letter says when one was issued about the council.",
    ],
  },
  not_for_us: {
    term: "not for us",
    meaning: [
      "In the 2025 letters' overview, “not for us or not ready for us to investigate” are complaints the Ombudsman could not look at (outside what it can investigate) or not yet (the council had not had the chance to deal with them first).",
    ],
  },
  assessed_and_closed: {
    term: "assessed and closed",
    meaning: [
      "In the 2025 letters' overview, complaints the Ombudsman assessed and then closed without investigating them in detail.",
    ],
  },
};

export function meaning(question: Question): Answer {
  const term = question.filters.term;
  if (term !== null) {
    const { term: words, meaning: lines } = TERM_MEANINGS[term];
    const result = emptyAnswer(question, "meaning", `What “${words}” means`, [...lines]);
    result.suggestions.push(
      term === "witness_summons" || term === "public_report"
        ? `who had ${term === "witness_summons" ? "witness summonses" : "public reports"}?`
        : "Kent 2025",
    );
    return result;
  }
  const info = MEASURES[question.filters.measure ?? "upheld"];
  const result = emptyAnswer(question, "meaning", `What “${info.label.toLowerCase()}” means`, [info.meaning]);
  result.lines.push(
    "Each letter compares the council's figure with the average for similar authorities (county, district, metropolitan borough, unitary or London borough councils).",
  );
  result.suggestions.push(
    `which councils have the highest ${info.short}?`,
    info.measure === "perResidents" ? "Kent 2024" : `what's Sefton's ${info.short}?`,
  );
  return result;
}

export function held(question: Question, holdings: Holdings): Answer {
  const councils = holdings.councils;
  const byType = new Map<AuthorityType | null, number>();
  for (const letter of councils)
    byType.set(letter.authority.type, (byType.get(letter.authority.type) ?? 0) + 1);
  const latest = holdings.latestYear;
  const withConcerns = latestWithConcerns(holdings).map((l) => l.authority.shortName);
  const result = emptyAnswer(question, "holdings", question.filters.recent ? "What's new" : "What I hold");
  result.holdings = {
    letters: holdings.letters.length,
    councils: councils.length,
    years: [...holdings.years],
    byType: [...byType.entries()].map(([type, count]) => ({ type, councils: count })),
    withConcerns,
    arrivals: question.filters.recent
      ? holdings
          .arrivals()
          .slice(0, ARRIVALS_SHOWN)
          .map((a) => ({
            authority: a.letter.authority.name,
            year: a.letter.year,
            at: a.at,
            change: a.change,
          }))
      : [],
  };
  result.lines.push(
    holdings.letters.length === 0
      ? "I hold no letters yet: ingest some with `ombuds ingest`."
      : `${plural(holdings.letters.length, "letter")} for ${plural(councils.length, "council")}, ${holdings.years.length === 1 ? `year ${holdings.years[0]}` : `years ${holdings.years[0]} to ${latest}`}.`,
  );
  if (councils.length > 0 && councils.length <= 20) {
    result.lines.push(`Councils: ${listAnd(councils.map((l) => l.authority.shortName))}.`);
  }
  if (question.filters.recent && holdings.letters.length > 0) result.lines.push(...arrivalLines(holdings));
  result.suggestions.push(...suggestionsFrom(holdings));
  return result;
}

/** How many arrivals an answer carries as data, newest first (the lines say how many more). */
export const ARRIVALS_SHOWN = 50;
/** The days of arrivals "what's new?" names, and the councils named for each. */
const DAYS_SHOWN = 3;
const COUNCILS_SHOWN = 12;

/** The day a letter arrived, as officers in England read it. */
const dayOf = (at: string) => format(new TZDate(at, "Europe/London"), "d MMMM yyyy");

/** "2021–2025", "2023 and 2025": a council's years, runs of consecutive years joined. */
function yearsSaid(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    if (j - i >= 2) runs.push(`${sorted[i]}–${sorted[j]}`);
    else runs.push(...sorted.slice(i, j + 1).map(String));
    i = j + 1;
  }
  return listAnd(runs);
}

/** "12 letters added, for Bury (2021–2025) and Kent (2025)". */
function arrivedSaid(list: Arrival[], change: Arrival["change"]): string | null {
  const of = list.filter((a) => a.change === change);
  if (of.length === 0) return null;
  const byCouncil = new Map<string, number[]>();
  for (const a of of) {
    const years = byCouncil.get(a.letter.authority.shortName);
    if (years) years.push(a.letter.year);
    else byCouncil.set(a.letter.authority.shortName, [a.letter.year]);
  }
  const councils = [...byCouncil.entries()].sort(([a], [b]) => a.localeCompare(b));
  const named = councils.slice(0, COUNCILS_SHOWN).map(([name, years]) => `${name} (${yearsSaid(years)})`);
  const more = councils.length - named.length;
  const names = more > 0 ? `${named.join(", ")} and ${plural(more, "more council")}` : listAnd(named);
  return `${plural(of.length, "letter")} ${change}, for ${names}`;
}

/**
 * "What's new?": the letters that arrived last, by the day they did (UK time), newest day first; an update is a
 * letter read again from a changed file.
 */
function arrivalLines(holdings: Holdings): string[] {
  const arrivals = holdings.arrivals();
  if (arrivals.length === 0)
    return ["I have no record of when these letters arrived (the store keeps no ingest log for them)."];
  const days = new Map<string, Arrival[]>();
  for (const arrival of arrivals) {
    const day = dayOf(arrival.at);
    const list = days.get(day);
    if (list) list.push(arrival);
    else if (days.size < DAYS_SHOWN) days.set(day, [arrival]);
  }
  const lines = ["Latest to arrive:"];
  let said = 0;
  for (const [day, list] of days) {
    const parts = [arrivedSaid(list, "added"), arrivedSaid(list, "updated")].filter((p) => p !== null);
    lines.push(`• ${day}: ${parts.join("; ")}`);
    said += list.length;
  }
  if (arrivals.length > said) lines.push(`… and ${plural(arrivals.length - said, "letter")} before that.`);
  return lines;
}

/** Questions that lead to an answer over what is held: about a council held, and a ranking of its year. */
export function suggestionsFrom(holdings: Holdings): string[] {
  // A council whose letter gives statistics, so that neither suggestion leads to "no statistics to compare".
  const first =
    holdings.councils.find((l) => l.stats.upheld?.rate != null) ??
    holdings.councils.find((l) => l.stats.upheld || l.stats.compliance || l.stats.remedy);
  if (!first) return ["what do you hold?"];
  const name = first.authority.shortName;
  return [
    name,
    `how does ${name} compare with similar councils?`,
    "which councils have the highest upheld rate?",
  ];
}

export function unclear(question: Question, holdings: Holdings): Answer {
  const result = emptyAnswer(question, "unclear", "I'm not sure what you're asking", [
    "I answer questions about councils' Ombudsman annual review letters, and manage the weekly digest (say “help” for the list).",
  ]);
  result.suggestions.push(...suggestionsFrom(holdings), "help");
  return result;
}

export function ambiguous(question: Question, holdings: Holdings): Answer {
  const result = emptyAnswer(
    question,
    "ambiguous",
    "Which council do you mean?",
    question.ambiguous.map((a) => `“${a.words}” could be ${listOr(a.candidates)}: say which.`),
  );
  // Each candidate by its full name is one council; those held come first, as they lead to an answer.
  const held = (name: string) => holdings.ofCouncil(name).length > 0;
  const candidates = question.ambiguous.flatMap((a) => a.candidates);
  result.suggestions.push(...[...candidates.filter(held), ...candidates.filter((c) => !held(c))].slice(0, 3));
  return result;
}

export function unknownNote(unknown: Question["unknown"][number]): Note {
  return note(
    "unknown_council",
    unknown.nearest.length > 0
      ? `I don't know a council called “${unknown.words}”; did you mean ${listOr(unknown.nearest)}?`
      : `I don't know a council called “${unknown.words}”.`,
  );
}

export function unknownCouncil(question: Question, holdings: Holdings): Answer {
  const named = question.unknown;
  const result = emptyAnswer(
    question,
    "unknown_council",
    named.length > 0 ? "I don't know that council" : "Which council?",
    named.length > 0
      ? [
          ...named.map((u) => unknownNote(u).text),
          "I know every English principal council; check the spelling, or use its short name (“Sefton”, “Bath and North East Somerset”).",
        ]
      : ["Which council? Name one, for example “Sefton”."],
  );
  // The nearest names are what was most likely meant, but only those held lead to an answer.
  const heldNames = new Set(holdings.councils.map((l) => l.authority.shortName));
  const offered = named.flatMap((u) => u.nearest).filter((n) => heldNames.has(n));
  result.suggestions.push(...(offered.length > 0 ? offered.slice(0, 3) : suggestionsFrom(holdings)));
  return result;
}

export function noLetterText(
  question: Question,
  council: Question["councils"][number],
  holdings: Holdings,
): string {
  if (holdings.letters.length === 0) {
    return "I hold no letters yet: ingest some with `ombuds ingest` (npm start ingests data/letters).";
  }
  const years = holdings.ofCouncil(council.name).map((l) => l.year);
  const year = wantedYear(question);
  if (year !== null && years.length > 0) {
    return `I hold no ${year} letter for ${council.shortName}; I have ${listAnd(years.map(String))}.`;
  }
  return `I know ${council.shortName} but hold no annual review letter for it yet.`;
}

export function noLetter(question: Question, holdings: Holdings): Answer {
  const names = question.councils.map((c) => c.shortName);
  const year = wantedYear(question);
  const result = emptyAnswer(
    question,
    "no_letter",
    `No letter held for ${listAnd(names)}${year ? ` in ${year}` : ""}`,
    question.councils.map((c) => noLetterText(question, c, holdings)),
  );
  const other = question.councils.flatMap((c) => holdings.ofCouncil(c.name).slice(0, 1));
  result.suggestions.push(
    ...other.map((l) => `${l.authority.shortName} ${l.year}`),
    ...(other.length === 0 ? ["what do you hold?"] : []),
  );
  return result;
}

/**
 * "Which councils improved?" when there are not two years to compare (change.ts ranks councils by their change when
 * there are): a ranking of one year's levels would answer a different question, so say so, and offer the councils
 * held for more than one year.
 */
export function changeAcross(question: Question, holdings: Holdings): Answer {
  const result = emptyAnswer(question, "trend", "Change across councils", [
    "I rank councils by their change between two years of letters, and there are not two years of them to compare here. Ask about one council, for example “how has Sefton changed since 2022?”.",
  ]);
  const several = holdings.councils.filter((l) => holdings.ofCouncil(l.authority.name).length > 1);
  result.suggestions.push(
    ...several.slice(0, 3).map((l) => `how has ${l.authority.shortName} changed over the years?`),
    ...(several.length === 0 ? suggestionsFrom(holdings) : []),
  );
  return result;
}
