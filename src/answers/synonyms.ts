import type { AuthorityType } from "../authorities/schema.ts";
import type { ConcernCategory, Metric } from "../letters/schema.ts";

/**
 * The words officers and the Ombudsman use for what a question is about, in one table: the rates ("uphold rate",
 * "remedy rate", "fault found"), the kinds of council ("met boroughs", "shire districts"), and the subjects a letter
 * raises ("public interest report", "compliance failure", "link officer"). Each entry is tried on the question in
 * lower case; the first that matches wins, so the more specific come first.
 */

export const METRIC_WORDS: readonly [RegExp, Metric][] = [
  // The remedy rate before the upheld one: "remedy rate for upheld complaints" is about remedies.
  [
    /\bremed(?:y|ies|ied)\b|\bremedy rate\b|\bput(?:ting)? (?:things|it|matters) right\b|\bresolved early\b|\bearly resolution\b|\bsatisfactory resolution\b/,
    "remedy",
  ],
  [
    /\bcomplian\w*|\bcomply\b|\bcomplied\b|\brecommendations? (?:implemented|followed|carried out|met)\b|\bservice improvements?\b|\bimplement\w* (?:our |the |its )?recommendations?\b/,
    "compliance",
  ],
  [/\bupheld\b|\buphold\w*|\bfault\w*|\bcomplaints? (?:rate|upheld)\b|\bfound against\b/, "upheld"],
];

/** Upheld decisions per 100,000 residents (letters from 2024): a measure of its own, not one of the three rates. */
export const PER_RESIDENTS_WORDS =
  /\bper ?(?:100,?000|100k|hundred thousand)\b|\bper (?:head|capita)\b|\bper (?:resident|population)\b|\b(?:adjusted for|relative to|by) population\b|\bpopulation[- ]adjusted\b/;

export const TYPE_WORDS: readonly [RegExp, AuthorityType][] = [
  [/\blondon boroughs?\b|\blondon councils?\b|\blbs?\b/, "london_borough"],
  [
    // "met" alone is a verb ("which councils met the deadline?"): only "mets" or "met boroughs" name the type.
    /\bmetropolitan(?: boroughs?| councils?| districts?)?\b|\bmets\b|\bmet (?:boroughs?|councils?|districts?)\b|\bmbcs\b/,
    "metropolitan_borough",
  ],
  [/\bunitar(?:y|ies)(?: councils?| authorit(?:y|ies))?\b/, "unitary"],
  [/\b(?:shire )?districts?(?: councils?)?\b|\bborough councils\b/, "district"],
  [/\bcount(?:y|ies)(?: councils?)?\b|\bshire counties\b/, "county"],
];

/**
 * The abbreviations that end a council's name ("Sefton MBC", "Sutton LBC"), read as the kind of council only when
 * the question names no council ("rank upheld mbc"); "met" only at the end, where it is no verb.
 */
export const TYPE_ABBREVIATIONS: readonly [RegExp, AuthorityType][] = [
  [/\blbcs?\b/, "london_borough"],
  [/\bmbcs?\b|\bmet$/, "metropolitan_borough"],
  [/\buas?\b/, "unitary"],
];

export const CATEGORY_WORDS: readonly [RegExp, ConcernCategory][] = [
  [/\bwitness summons/, "witness_summons"],
  [
    /\b(?:late|delayed|slow|overdue)\b(?: \w+){0,2}? remed|\b(?:late|slow|delay\w*)\b(?: \w+){0,2}? (?:put(?:ting)? (?:it|things|matters) right|pay\w*|compensat\w*|apolog\w*)|\bremed\w* (?:late|delay\w*|overdue|not (?:done|completed|delivered) on time)|\bremedy delays?/,
    "remedy_delays",
  ],
  [
    /\b(?:slow|late|delayed|too long)\b(?: \w+){0,3}? (?:enquir|respon|repl|answer)|\benquir\w* (?:late|slow\w*|answered late|delay\w*)|\blink officers?\b.*\b(?:slow|late|delay\w*)/,
    "slow_enquiry_responses",
  ],
  [
    /\bcompliance failures?|\bfail\w* to comply|\bnon-?complian\w*|\bnot compl(?:y|ied)|\bignor\w* (?:[\w']+ ){0,2}recommendations|\bnot (?:follow|implement|carr)\w* (?:out )?(?:[\w']+ ){0,2}recommendations/,
    "compliance_failure",
  ],
  [
    /\bpublic (?:interest )?reports?\b|\bsection 31\b|\bs\.? ?31\b|\breports? (?:issued|published) (?:about|on|against)/,
    "public_report",
  ],
  // "meet" alone is also "meeting full compliance" or "met the deadline": only a meeting with the Ombudsman counts.
  [
    /\b(?:ask(?:ed|s)? to meet|to meet (?:with )?(?:the )?(?:ombudsman|lgsco|us|them|the council)|meet(?:ing)? with (?:the )?(?:ombudsman|lgsco)|meetings? (?:request\w*|asked for|offered|proposed)|request\w* (?:a |to )?meet\w*|invit\w* to meet)\b/,
    "meeting_requested",
  ],
  [/\btraining\b|\bcourses?\b|\bworkshops?\b|\bseminars?\b/, "training"],
  [/\bcomplaints? (?:handling|process|procedure)\b/, "complaint_handling"],
];

/**
 * Change said of councils in general, by which way it went: worse, up, down (change.ts orders by them; understand.ts
 * reads any of them, or IMPROVED, as a question about change).
 */
export const WORSENED = /\b(?:got worse|getting worse|worsen\w*|declin\w*|deteriorat\w*)\b/;
export const ROSE =
  /\b(?:ris(?:e|es|ing|en)|rose|increas\w*|went up|gone up|going up|biggest (?:rise|increase))\b/;
export const FELL =
  /\b(?:fall\w*|fell|drop\w*|decreas\w*|went down|gone down|going down|biggest (?:fall|drop|decrease))\b/;
export const IMPROVED =
  /\b(?:most improved|improv(?:ed|ing|ement)|got better|getting better|biggest change|changed (?:most|the most))\b/;

/** Praise asked for in words: "any praise", "good news", "what went well". */
export const PRAISE_WORDS =
  /\bprais\w*|\bpositive\w*|\bgood news\b|\bcommend\w*|\bwent well\b|\bcompliment\w*/;

/** Asking about what letters raised without naming a subject: "any issues?", "what did the Ombudsman say?". */
export const CONCERN_WORDS =
  /\bconcerns?\b|\bconcerning\b|\bworr\w*|\bissues?\b|\bproblems?\b|\bflag\w*|\braised?\b|\bcritici[sz]\w*|\bred flags?\b|\b(?:ombudsman|lgsco|lgo)\b.*\b(?:say|says|said|think|thinks|thought|comment\w*|mention\w*|write|wrote)\b/;

/** Words of the Ombudsman's process that name no council: never read as a council's name. */
export const PROCESS_WORDS = [
  "link",
  "officer",
  "officers",
  "interest",
  "public",
  "service",
  "services",
  "improvements",
  "summons",
  "lgsco",
  "lgo",
  "residents",
  "population",
  "capita",
  "head",
  "investigations",
  "investigated",
  "upheld",
  "decisions",
  "full",
  "points",
  "percent",
  "side",
  "met",
  "mets",
  "shire",
  "unitaries",
  "boroughs",
  "between",
  "much",
  "many",
  "count",
  "number",
  "under",
  "over",
  "least",
  "fewer",
  "less",
  "greater",
  "exactly",
  "equal",
  "did",
  "which",
  "declined",
  "decline",
  "improved",
  "improvement",
  "worsened",
  "fell",
  "rose",
  "dropped",
  "reply",
  "replies",
  "replied",
  "replying",
  "answer",
  "answers",
  "answered",
  "answering",
  "respond",
  "responded",
  "responding",
  "response",
  "responses",
  "failures",
  "failure",
  "failing",
  "failed",
  "rankings",
  "slow",
  "slowly",
  "quick",
  "quickly",
  "took",
  "take",
  "taking",
  "long",
  "longer",
  "putting",
  "put",
  "things",
  "right",
  "told",
  "asked",
  "ask",
  "got",
  "get",
  "gets",
  "compensation",
  "apology",
  "paying",
  "pay",
  "receive",
  "received",
  "issued",
  "findings",
  "finding",
  "found",
  "fault",
  "faults",
  "deadline",
  "deadlines",
  "time",
  "timescales",
  "overdue",
  "figures",
  "figure",
  "stats",
  "statistics",
  "results",
  "table",
  "league",
  "compare",
  "comparing",
  "side",
  "everyone",
  "anyone",
  "someone",
  "ones",
  "whole",
  "country",
  "england",
  "national",
  // Words of change ("councils with rising complaints").
  "rising",
  "falling",
  "increasing",
  "decreasing",
  "increased",
  "decreased",
  "dropping",
  "worsening",
  "improving",
  // Kinds of council as officers abbreviate them ("Sutton LBC", "Reading UA").
  "lbc",
  "rbc",
  "cbc",
  "ua",
  // The words of an officer's errand ("summarise Kent for the scrutiny committee", "brief the cabinet").
  "summarise",
  "summarize",
  "brief",
  "briefing",
  "cabinet",
  "scrutiny",
  "committee",
  "committees",
  "audit",
  "paper",
  "papers",
  "governance",
  "note",
  "notes",
  "draft",
  "members",
  "member",
  "exec",
  "executive",
  "chief",
  "should",
  "could",
  "would",
  "team",
  "standards",
  "key",
  "highlights",
  "headline",
  "headlines",
  "point",
  "leader",
  "leaders",
  "mayor",
  "councillor",
  "director",
  "directors",
  "manager",
  "managers",
  "colleague",
  "colleagues",
  "board",
  "panel",
  "agenda",
  // Words of a request for a council's letter ("Kent 2025 overview", "how many did Kent deal with").
  "overview",
  "numbers",
  "deal",
  "dealt",
  "assessed",
  "closed",
  "investigate",
  "annual",
  "review",
  "reviews",
  "breakdown",
  "record",
  "overall",
  "info",
  "details",
  "detail",
  "card",
  "scores",
  "score",
  "recent",
  "previous",
  "pls",
  "thx",
  "send",
  "monitoring",
];
