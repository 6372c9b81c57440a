import { z } from "zod";
import type { AuthorityIndex } from "../authorities/index.ts";
import { AuthorityType } from "../authorities/schema.ts";
import { ConcernCategory, Metric, Tone } from "../letters/schema.ts";
import { findCouncils } from "./councils.ts";
import { findMetric } from "./metrics.ts";

/** What a person asked, understood: the pure first half of answering. */
export const Intent = z.enum([
  "summary",
  "metric",
  "similar",
  "concerns",
  "side_by_side",
  "ranking",
  "holdings",
  "trend",
  "meaning",
  "help",
  "unclear",
]);
export type Intent = z.infer<typeof Intent>;

const CouncilRef = z.object({
  name: z.string(),
  shortName: z.string(),
  type: AuthorityType,
  words: z.string(),
  typo: z.boolean(),
});

export const Question = z.object({
  text: z.string(),
  intent: Intent,
  councils: z.array(CouncilRef),
  ambiguous: z.array(z.object({ words: z.string(), candidates: z.array(z.string()) })),
  unknown: z.array(z.string()),
  metric: Metric.nullable(),
  year: z.number().int().nullable(),
  type: AuthorityType.nullable(),
  order: z.enum(["highest", "lowest"]),
  limit: z.number().int().positive().nullable(),
  relative: z.enum(["above", "below"]).nullable(),
  category: ConcernCategory.nullable(),
  tone: Tone.nullable(),
});
export type Question = z.infer<typeof Question>;

export interface Context {
  authorities: AuthorityIndex;
  /** Years held, so "latest" and "last year" can be read. */
  latestYear: number | null;
  /** Today, for "last year" (the letter of the previous calendar year). */
  now: Date;
}

/** Slack markup and our own command name are not part of the question. */
export function cleanText(text: string): string {
  return text
    .replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, "$1")
    .replace(/<[@#!][^>]*>/g, " ")
    .replace(/<(?:https?|mailto):[^>]*>/g, " ")
    .replace(/^\s*\/?ombuds\b/i, "")
    .replace(/\s+/g, " ")
    .trim();
}

const TYPE_WORDS: [RegExp, AuthorityType][] = [
  [/\blondon boroughs?\b/i, "london_borough"],
  [/\bmetropolitan(?: boroughs?| councils?| districts?)?\b|\bmets\b/i, "metropolitan_borough"],
  [/\bunitar(?:y|ies)(?: councils?| authorit(?:y|ies))?\b/i, "unitary"],
  [/\bdistricts?(?: councils?)?\b/i, "district"],
  [/\bcount(?:y|ies)(?: councils?)?\b/i, "county"],
];

const CATEGORY_WORDS: [RegExp, ConcernCategory][] = [
  [/\bwitness summons/i, "witness_summons"],
  [
    /\b(?:late|delayed|slow|overdue)\b(?: \w+){0,2}? remed|\bremed\w* (?:late|delay\w*|overdue)|\bremedy delays?/i,
    "remedy_delays",
  ],
  [
    /\b(?:slow|late|delayed|too long)\b(?: \w+){0,3}? (?:enquir|respon|repl|answer)|\benquir\w* (?:late|slow\w*|answered late)/i,
    "slow_enquiry_responses",
  ],
  [
    /\bcompliance failures?|\bfail\w* to comply|\bnon-?compliance|\bnot compl(?:y|ied)/i,
    "compliance_failure",
  ],
  [/\bpublic reports?/i, "public_report"],
  [/\bmeet(?:ing)?s?\b/i, "meeting_requested"],
  [/\btraining|\bcourses?\b/i, "training"],
  [/\bcomplaint handling\b/i, "complaint_handling"],
];

const RANKING_WORDS = /\b(?:rank\w*|highest|lowest|top|bottom|best|worst|most|least|league)\b/;

/** Asking about what letters raised, without naming a category: "any issues?", "what did the Ombudsman say?". */
const CONCERN_WORDS =
  /\bconcerns?\b|\bworr\w*|\bissues?\b|\bproblems?\b|\bflag\w*|\braised\b|\bcritici[sz]\w*|\b(?:ombudsman|lgsco|lgo)\b.*\b(?:say|says|said|think|thinks|thought|comment\w*|mention\w*)\b/;

/** A question about councils in general ("which councils…", "who…"), answered by listing them. */
const WHICH_COUNCILS =
  /^(?:and )?who\b|\b(?:which|what) (?:councils?|authorit(?:y|ies)|boroughs?|districts?|count(?:y|ies)|unitar(?:y|ies)|ones?)\b/;

const NUMBER_WORDS: Record<string, number> = { three: 3, five: 5, ten: 10, twenty: 20 };

function readYear(text: string, context: Context): number | null {
  const span = /\b20(\d{2})\s?[/-]\s?(\d{2})\b/.exec(text);
  if (span) return 2000 + Number(span[2]);
  const year = /\b(20\d{2})\b/.exec(text);
  if (year) return Number(year[1]);
  if (/\blast year\b/i.test(text)) return context.now.getUTCFullYear() - 1;
  if (/\bthis year\b/i.test(text)) return context.now.getUTCFullYear();
  return null;
}

function readLimit(text: string): number | null {
  const match =
    /\b(?:top|bottom|first|last)\s+(\d{1,3}|three|five|ten|twenty)\b|\b(\d{1,3}|three|five|ten|twenty)\s+(?:highest|lowest|best|worst|councils)\b/i.exec(
      text,
    );
  const raw = (match?.[1] ?? match?.[2])?.toLowerCase();
  if (!raw) return null;
  const value = NUMBER_WORDS[raw] ?? Number(raw);
  return value > 0 && !(value >= 2000 && value < 2100) ? Math.min(value, 500) : null;
}

/** Leftover words name a council we do not know when the message is little more than them, or they are capitalised. */
function looksLikeName(text: string, unknown: string[]): boolean {
  if (unknown.length === 0) return false;
  if (text.split(/\s+/).length <= 3) return true;
  return unknown.some((word) =>
    new RegExp(`[^\\p{L}]${word.charAt(0).toUpperCase()}${word.slice(1)}`, "u").test(text),
  );
}

export function understand(raw: string, context: Context): Question {
  const text = cleanText(raw).slice(0, 2000);
  const lower = text.toLowerCase();
  const year = readYear(text, context);
  const mentions = findCouncils(
    text.replace(/\b20\d{2}(?:\s?[/-]\s?\d{2})?\b/g, " "),
    context.authorities,
    year ?? undefined,
  );
  const councils = mentions.councils.map((m) => ({
    name: m.authority.name,
    shortName: m.authority.shortName,
    type: m.authority.type,
    words: m.words,
    typo: m.typo,
  }));
  const metric = findMetric(lower) ?? null;
  const type = TYPE_WORDS.find(([re]) => re.test(lower))?.[1] ?? null;
  const category = CATEGORY_WORDS.find(([re]) => re.test(lower))?.[1] ?? null;
  const tone = /\bprais\w*|\bpositive|\bgood news|\bcommend\w*/.test(lower) ? "praise" : null;
  const relative = /\babove (?:the |their )?(?:similar[- ]authority )?average/.test(lower)
    ? "above"
    : /\bbelow (?:the |their )?(?:similar[- ]authority )?average/.test(lower)
      ? "below"
      : null;
  const lowest = /\b(?:lowest|bottom|least|fewest|smallest)\b/.test(lower);
  const best = /\b(?:best|better)\b/.test(lower);
  const worst = /\b(?:worst|poorest)\b/.test(lower);
  const higherIsBetter = metric !== "upheld";
  const order: "highest" | "lowest" =
    lowest || (best && !higherIsBetter) || (worst && higherIsBetter) ? "lowest" : "highest";

  const asksConcerns = category !== null || tone !== null || CONCERN_WORDS.test(lower);
  const one = councils.length === 1;
  let intent: Intent;
  if (
    lower === "" ||
    /^(?:help|\?|usage|commands|what can (?:you|i) (?:do|ask)|how do(?:es)? (?:i|this|it) work)\b/.test(lower)
  ) {
    intent = "help";
  } else if (
    metric &&
    councils.length === 0 &&
    /\b(?:mean|means|meaning|define|definition|explain|what(?:'s| is) (?:a |an |the )?(?:upheld|compliance|satisfactory|remedy))\b/.test(
      lower,
    ) &&
    !/\b(?:highest|lowest|top|rank\w*|which|who)\b/.test(lower)
  ) {
    intent = "meaning";
  } else if (
    councils.length === 0 &&
    !RANKING_WORDS.test(lower) &&
    // "which councils have concerns / late remedies / a compliance rate…" asks about the letters, not the holdings.
    !asksConcerns &&
    metric === null &&
    (/\bwhat (?:do|does) (?:you|ombuds) (?:hold|have|know|cover)\b/.test(lower) ||
      /\b(?:which|what) (?:councils|letters|years|data)\b.*\b(?:hold|have|held|know|cover|got|stored|available)\b/.test(
        lower,
      ) ||
      /^(?:list|councils|years|letters|holdings|coverage|status)$/.test(lower))
  ) {
    intent = "holdings";
  } else if (asksConcerns && councils.length <= 1) {
    intent = "concerns";
  } else if (councils.length >= 2) {
    intent = "side_by_side";
  } else if (
    councils.length === 0 &&
    (RANKING_WORDS.test(lower) ||
      relative !== null ||
      (metric !== null && (type !== null || WHICH_COUNCILS.test(lower))))
  ) {
    intent = "ranking";
  } else if (
    one &&
    /\b(?:trend|over (?:the )?(?:years|time)|year on year|history|historic\w*|change[sd]?|since|progress|getting (?:better|worse)|improv\w*)\b/.test(
      lower,
    )
  ) {
    intent = "trend";
  } else if (
    one &&
    /\b(?:compare[sd]?|comparison|similar|average|avg|others|peers|benchmark\w*|against|stack up|relative|rank\w*|other councils)\b/.test(
      lower,
    )
  ) {
    intent = "similar";
  } else if (one && metric) {
    intent = "metric";
  } else if (one || mentions.ambiguous.length > 0 || looksLikeName(text, mentions.unknown)) {
    intent = "summary";
  } else {
    intent = "unclear";
  }

  return {
    text,
    intent,
    councils,
    ambiguous: mentions.ambiguous.map((a) => ({
      words: a.words,
      candidates: a.candidates.map((c) => c.name),
    })),
    unknown: mentions.unknown,
    metric,
    year,
    type,
    order,
    limit: readLimit(lower),
    relative,
    category,
    tone,
  };
}
