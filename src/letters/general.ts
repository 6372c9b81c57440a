import { sentences } from "./sentences.ts";

/**
 * The paragraphs every council gets in a year's letter (LETTER-FORMATS.md, "Paragraphs sent to every council"), and
 * the statistics the letters print in their body. None of them is a concern, even where they say "concerned",
 * "public reports", "complaint handling", "training" or "delays": they are about local government, not this
 * council. This file is the one place that knows them.
 *
 * A general paragraph is recognised in one of two ways:
 * - by its opening words (`opening`), for the paragraphs whose first words have not changed in years ("This data
 *   will be uploaded to our interactive map", "Complaints upheld - We uphold complaints when ...");
 * - by what it says (`says`: every pattern must match somewhere in the paragraph), so a reworded paragraph of the
 *   same meaning is still recognised. Such a paragraph is not general if one of its sentences reports what this
 *   council did (`REPORTS_ON_COUNCIL`): "While I recognise the financial pressures councils face, it is
 *   disappointing that your Council ..." says what the 2024 paragraph says and is still a concern.
 *
 * The table is keyed by the year whose letters first carried a paragraph, but every year's entries are tried on
 * every letter: the Ombudsman repeats paragraphs from one year to the next (the training programme, the Code), and
 * each entry's patterns describe a statement about councils in general, which a paragraph about one council does not
 * make. Paragraphs that no entry knows are still caught when several councils' letters of a year are read together
 * (`withoutSharedParagraphs` in shared.ts).
 */

export const GENERAL_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;
export type GeneralYear = (typeof GENERAL_YEARS)[number];

export interface GeneralParagraph {
  /** What the paragraph says, in our words. */
  about: string;
  /** Its first words, matched against the paragraph's first 120 characters, lower-cased, spaces collapsed. */
  opening?: RegExp;
  /** What it says: every pattern must match the paragraph (spaces collapsed, case as printed). */
  says?: readonly RegExp[];
}

/** The paragraphs of every year: the salutation's heading, the statistics' definitions, the sign-off. */
export const EVERY_YEAR: readonly GeneralParagraph[] = [
  {
    about: "the opening: this is the annual summary of statistics for the year",
    // 2019-21: "I write to you with our annual summary of statistics"; 2022 on: "I am writing to you with your
    // annual summary of complaint statistics".
    opening: /^i (?:write|am writing) to you with (?:our|your) annual (?:summary|review)/,
    says: [
      /\byear end(?:ing|ed) 31(?:st)? march\b/i,
      /\b(?:statistics|figures|data)\b/i,
      /\bannual (?:summary|review|letter)\b/i,
    ],
  },
  {
    about: "the opening: the letter is copied to the Leader and the chair of scrutiny",
    says: [
      /\bscrutiny\b/i,
      /\bleader\b/i,
      /\b(?:sent|send|sending|copied|copy|shared?|sharing)\b/i,
      /\b(?:ownership|oversight|learn(?:ing)? from complaints|complaint outcomes)\b/i,
    ],
  },
  {
    about: "the three key areas the statistics focus on",
    opening: /^(?:this year,? we continue to place our focus|we focus our statistics|our statistics focus)/,
    says: [/\b(?:three|3|four|4) key (?:areas|measures|statistics)\b/i, /\b(?:statistics|figures|data)\b/i],
  },
  {
    about: "what an upheld complaint is",
    opening: /^complaints upheld ?[-:]/,
    says: [/\bwe uphold (?:a )?complaints? (?:when|where|if)\b/i, /\bfault\b/i],
  },
  {
    about: "what the compliance rate is",
    opening: /^compliance with (?:ombudsman |our )?recommendations ?[-:]/,
    says: [
      /\b(?:failure to comply|compliance rate (?:of |is )?(?:below|under|less than))\b/i,
      /\b(?:rare|below 100 ?%|scrutinise|cause for concern)\b/i,
    ],
  },
  {
    about: "what a satisfactory remedy provided by the council is",
    opening: /^satisfactory remed(?:y|ies) provided by the \w+ ?[-:]/,
    says: [
      /\b(?:early resolution|satisfactory remed(?:y|ies))\b/i,
      /\bput(?:ting)? (?:things|it|matters) right\b/i,
      /\b(?:before the complaint (?:came|reached|comes)|before (?:it|they) (?:came|reached) us|before we investigated|credit)\b/i,
    ],
  },
  {
    about: "how the averages of similar authorities are worked out",
    opening: /^finally,? we compare the (?:three|four) key annual statistics/,
    says: [
      /\bsimilar (?:types of )?(?:authorities|organisations|councils)\b|\bcouncils of (?:the same|this) type\b/i,
      /\bcompar\w*/i,
      /\b(?:average|key (?:annual )?statistics)\b/i,
    ],
  },
  {
    about: "the statistics go on the interactive map, Your council's performance",
    opening:
      /^(?:this data will be uploaded to our interactive map|your council's performance|resources to help you get it right)/,
    says: [
      /\b(?:interactive map|your council's performance)\b/i,
      /\b(?:upload\w*|publish\w*|available|appear)\b/i,
      /\b(?:this letter|statistics|data)\b/i,
    ],
  },
  {
    about: "the statistics page's own note on compliance",
    opening: /^failure to comply with our recommendations is rare/,
  },
  {
    about: "the statistics' base line",
    opening: /^statistics are based on/,
  },
  {
    about: "links to the Ombudsman's training pages",
    opening: /^to find out more visit/,
  },
  {
    about: "headings and the sign-off",
    opening:
      /^(?:(?:the )?complaint handling code|complaint statistics|annual review letter|your annual statistics|yours sincerely|yours faithfully|kind regards)/,
  },
];

/** The paragraphs each year's letters added, in the year they first appeared. */
export const GENERAL: Readonly<Record<GeneralYear, readonly GeneralParagraph[]>> = {
  2019: [
    {
      about: "the annual letters support local scrutiny: share this letter with elected members",
      says: [
        /\bscrutiny\b/i,
        /\b(?:learning from complaints|lessons? (?:from|of) (?:complaints|our investigations)|learning from our investigations)\b/i,
        /\b(?:elected members|councillors|members|democratic)\b/i,
      ],
    },
    {
      about: "the Ombudsman's complaint handling training programme, courses delivered nationally",
      opening: /^we have a well-established and successful training programme/,
      says: [
        /\btraining\b|\bcourses?\b/i,
        /\b(?:deliver\w*|ran|run|held|trained|training (?:more|over))\b/i,
        /\b(?:local authorities|councils|care providers|delegates|people|organisations)\b/i,
        /\b(?:programme|\d[\d,]* (?:courses|people|delegates)|courses)\b/i,
      ],
    },
    {
      about: "the interactive map of council performance (decisions, public reports, service improvements)",
      says: [
        /\b(?:interactive map|your council's performance|online map)\b/i,
        /\b(?:decisions|public (?:interest )?reports|service improvements)\b/i,
      ],
    },
  ],
  2020: [
    {
      about: "resources to help councils learn from complaints",
      opening: /^there are a range of resources available/,
      says: [
        /\b(?:learning from complaints|corporate governance|learn from complaints)\b/i,
        /\bresources?\b/i,
      ],
    },
    {
      about: "share the performance tool with colleagues and elected members",
      opening: /^i would encourage you to share the tool/,
      says: [
        /\b(?:governance|scrutiny|early warning|insight)\w*/i,
        /\b(?:colleagues|elected members|councillors)\b/i,
        /\bthe (?:tool|map|information)\b/i,
      ],
    },
    {
      about: "the link officer seminars",
      opening: /^earlier this year,? we held our link officer seminars/,
      says: [/\blink officers?\b/i, /\b(?:seminars?|events?|sessions?|conferences?|workshops?)\b/i],
    },
    {
      about: "more training courses delivered than last year, to more care providers",
      opening: /^delivered last year and included more training/,
    },
  ],
  2021: [
    {
      about: "a year of huge change for local government",
      says: [
        /\b(?:huge|great|enormous|unprecedented|significant|considerable|profound|immense) (?:change|upheaval|disruption)\b/i,
        /\b(?:year|months|period)\b/i,
      ],
    },
    {
      about: "casework paused from March to June 2020 because of Covid-19",
      says: [
        /\b(?:paus\w*|suspend\w*|suspension|stopp?\w*|halt\w*|froze|frozen|freez\w*)\b/i,
        /\b(?:casework|investigations?|complaints?|our work|accepting)\b/i,
        /\b(?:covid(?:-19)?|coronavirus|pandemic|lockdown)\b/i,
      ],
    },
    {
      about: "the pandemic's pressure on councils' complaint handling",
      says: [
        /\b(?:covid(?:-19)?|coronavirus|pandemic|lockdown)\b/i,
        /\bcomplaints? (?:handling|functions?|teams?|services?|systems?|process(?:es)?|procedures?)\b/i,
        /\b(?:councils|local authorities|local government|authorities|every council|the sector)\b/i,
      ],
    },
  ],
  2022: [
    {
      about: "the Ombudsman's concern about the erosion of effective complaint functions in local government",
      says: [
        /\b(?:erosion|erod\w*|declin\w*|deteriorat\w*|weaken\w*|hollow\w* out|reduc\w*|cuts? (?:to|in))\b/i,
        /\bcomplaints? (?:handling|functions?|teams?|services?|systems?|process(?:es)?|procedures?)\b/i,
        /\b(?:local authorities|local government|councils|the sector|authorities|every council|all councils)\b/i,
      ],
    },
    {
      about: "a call to invest in complaint handling",
      says: [
        /\b(?:invest\w*|resourc\w*|prioritis\w*)\b/i,
        /\bcomplaints? (?:handling|functions?|teams?|services?|systems?)\b/i,
        /\b(?:councils|local authorities|local government|authorities|organisations|every council|all councils)\b/i,
      ],
    },
    {
      about: "the joint complaint handling code with the Housing Ombudsman, to be consulted on",
      says: [
        /\bcode\b/i,
        /\b(?:housing ombudsman|joint)\b/i,
        /\b(?:consult\w*|publish\w*|launch\w*|introduc\w*|develop\w*|draft)\b/i,
      ],
    },
  ],
  2023: [
    {
      about: "fewer borderline investigations, so more fault found",
      says: [
        /\b(?:borderline|fewer (?:investigations|complaints|cases)|which complaints (?:we|to) investigate|how we (?:choose|decide|select))\b/i,
        /\b(?:investigat\w*|uphold|fault)\b/i,
      ],
    },
    {
      about: "complaints about special educational needs and disabilities (SEND) nationally",
      says: [
        /\b(?:send|special educational needs|ehc ?plans?|education,? health and care plans?)\b/i,
        // "SEND" in capitals, not the verb.
        /\bSEND\b|\b[Ss]pecial [Ee]ducational [Nn]eeds\b|\bEHC ?[Pp]lans?\b|\b[Ee]ducation,? [Hh]ealth and [Cc]are [Pp]lans?\b/,
        /\bcomplaints?\b/i,
        /\b(?:councils|local authorities|across the country|nationally|national|the sector|across england)\b/i,
      ],
    },
    {
      about: "recording the service improvements councils agree to",
      says: [/\brecord\w*/i, /\bservice improvements?\b|\bimprovements? (?:to|in) (?:services|practice)\b/i],
    },
  ],
  2024: [
    {
      about:
        "the joint Complaint Handling Code, published in February 2024, considered in casework from April 2026",
      says: [
        /\bcode\b/i,
        /\b(?:february 2024|april 2026|housing ombudsman|joint|casework|embed\w*)\b/i,
        /\b(?:publish\w*|launch\w*|consider\w*|appl(?:y|ies)|introduc\w*|take (?:it )?into account)\b/i,
      ],
    },
    {
      about: "councils' difficult financial circumstances",
      says: [
        /\b(?:financ\w*|budget\w*|funding|money|resources)\b/i,
        /\b(?:difficult\w*|pressures?|challeng\w*|constrain\w*|strain\w*|squeez\w*|tight|hard)\b/i,
        /\b(?:councils|local authorities|local government|the sector|authorities)\b/i,
      ],
    },
    {
      about: "the number of public interest reports issued nationally",
      says: [
        /\bpublic (?:interest )?reports?\b/i,
        /\b(?:national\w*|across (?:the country|england|local government|the sector)|other councils|all councils|number of public)\b/i,
      ],
    },
  ],
  2025: [
    {
      about: "the Complaint Handling Code applies from 1 April 2026",
      says: [
        /\bcode\b/i,
        /\b(?:april 2026|from (?:next )?april|next year|come into (?:force|effect)|comes into (?:force|effect)|appl(?:y|ies|ying)|in force)\b/i,
      ],
    },
    {
      about: "the code pilot councils",
      says: [/\bpilot\w*/i, /\b(?:code|councils)\b/i],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// The guard: a sentence that reports what this council did is the council's own, whatever else the paragraph says.

/** This council, its staff, or "you" as the one who did something. */
const NAMES_COUNCIL =
  /\b(?:the|your|this) (?:council|authority|organisation)(?!s)\b|\byour (?:staff|officers|link officer|team|colleagues)\b|\byou (?:have|had|did|were|took|failed|responded|agreed|completed|provided)\b/i;

/**
 * A finding about the council: a judgement, a request made of it, or a count of its cases. ("Late March" is a time,
 * not a finding; advice such as "your authority should scrutinise ..." is what general paragraphs give everyone.)
 */
const FINDING =
  /\b(?:concern\w*|disappoint\w*|fail(?:ed|s|ing)?|did not|didn't|has not|hasn't|have not|had not|was not|were not|too long|late(?! (?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter)\b)|delay\w*|unacceptabl\w*|regret\w*|worr\w*|poor\w*|pleased|welcome[ds]?|commend\w*|thank\w*|grateful|congratulat\w*)\b|\b(?:encourag|ask|urg|remind|request|expect|invit)\w* (?:the|your) (?:council|authority|organisation)\b|\breports? (?:about|into|on) (?:the|your) (?:council|authority|organisation)\b|\b(?:in|on) (?:one|two|three|four|five|six|seven|eight|nine|ten|several|a number of|\d+) (?:cases?|complaints?|instances?|occasions?)\b/i;

/** Where a sentence turns to another point: "...; ", ": ", ", and I ...". Each part is judged on its own. */
const CLAUSE = /[;:]\s+|,\s+and\s+(?=(?:I|we)\b)/;

/** Whether a sentence reports on this council rather than on councils in general. */
export function reportsOnCouncil(sentence: string): boolean {
  if (!NAMES_COUNCIL.test(sentence) || !FINDING.test(sentence)) return false;
  return sentence.split(CLAUSE).some((clause) => NAMES_COUNCIL.test(clause) && FINDING.test(clause));
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics in the letter's body (2025 letters print them before the signature) and headings.

const FIGURE = "\\d[\\d,]*(?:\\.\\d+)?";
const STATISTIC = new RegExp(
  [
    // The 2025 complaint overview.
    `\\bwe (?:dealt with|received|handled|considered|looked at) ${FIGURE} (?:complaints|cases|enquiries)\\b`,
    `\\b${FIGURE} (?:were|was) not for us\\b|\\bnot (?:for us or not )?ready for us to investigate\\b`,
    `\\bwe (?:assessed and closed|closed|assessed) ${FIGURE} (?:complaints|cases)\\b`,
    `^(?:of these,? )?we (?:investigated|carried out) ${FIGURE} (?:detailed )?(?:complaints?|investigations?)\\b`,
    // The rates and averages.
    `\\b(?:an |the )?(?:uphold|upheld|compliance|remedy) rate (?:of|was|is|for)\\b`,
    `\\bthis means we upheld ${FIGURE} ?%`,
    `\\bthe average (?:uphold rate |rate )?for (?:authorities|councils|organisations) of (?:this|the same|its) type\\b`,
    `\\bthis compares to an average of\\b|\\bthe average (?:in|for|across) similar (?:authorities|organisations|councils)\\b`,
    `^${FIGURE} ?% of (?:the )?complaints we investigated were upheld\\b`,
    `^in ${FIGURE} ?% of (?:upheld )?cases\\b`,
    `\\bupheld decisions? per 100,?000\\b|\\badjusted for .{1,80}population\\b`,
    `^no recommendations were due for compliance\\b`,
    `^statistics are based on\\b`,
    `^${FIGURE} (?:upheld decisions?|satisfactory remedy decisions?|compliance outcomes?)\\.?$`,
    `^between ${FIGURE} april ${FIGURE} (?:to|and) ${FIGURE} march ${FIGURE},? we\\b`,
  ].join("|"),
  "i",
);

/** A view of the council's figures ("... which is disappointing", "I welcome ..."): the council's own, not a statistic. */
const JUDGEMENT =
  /\b(?:fail\w*|did not comply|not (?:completed|complied|implemented|responded|answered)|late|delay\w*|disappoint\w*|concern\w*|too long|overdue|welcome[ds]?|pleased|commend\w*|congratulat\w*|thank\w*)\b/i;

/** A sentence that states the letter's statistics (a figure and what it counts), not a view of the council. */
export function isStatistic(sentence: string): boolean {
  const text = sentence.trim();
  return STATISTIC.test(text) && !JUDGEMENT.test(text);
}

// ---------------------------------------------------------------------------------------------------------------

export interface GeneralMatch {
  /** The year whose entry matched; null for the paragraphs of every year. */
  year: GeneralYear | null;
  about: string;
  /** How it was recognised. */
  by: "opening" | "meaning" | "statistics";
}

interface Entry extends GeneralParagraph {
  year: GeneralYear | null;
}

const ENTRIES: readonly Entry[] = [
  ...EVERY_YEAR.map((p) => ({ ...p, year: null })),
  ...GENERAL_YEARS.flatMap((year) => GENERAL[year].map((p) => ({ ...p, year }))),
];
const WITH_OPENING = ENTRIES.filter((e) => e.opening);
const WITH_MEANING = ENTRIES.filter((e) => e.says && e.says.length > 0);

// ---------------------------------------------------------------------------------------------------------------
// Looking a paragraph up: a handful of scans of it, not one (or more) for each of the table's entries.

/**
 * Every opening in one, each in a group of its own. The openings are anchored at the start (and hold no groups of
 * their own), so the one match there is the first entry, in table order, whose opening matches.
 */
const OPENINGS = new RegExp(WITH_OPENING.map((e) => `(${e.opening?.source})`).join("|"));
for (const e of WITH_OPENING) {
  const source = e.opening?.source ?? "";
  if (!anchored(source) || groupsIn(source) > 0)
    throw new Error(
      `general.ts: an opening must start with ^ and hold no | or capturing group outside (?:): ${source}`,
    );
}

/** How many capturing groups a pattern's source holds. */
function groupsIn(source: string): number {
  return (new RegExp(`${source}|`).exec("")?.length ?? 1) - 1;
}

/** Whether every way to match `source` starts at the text's start: ^ first, and no | outside a group or class. */
function anchored(source: string): boolean {
  if (!source.startsWith("^")) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return false;
  }
  return true;
}

/** Every entry's first pattern in one, so that a paragraph no entry can match is passed over in one scan. */
const ANY_MEANING = new RegExp(WITH_MEANING.map((e) => `(?:${e.says?.[0]?.source})`).join("|"), "i");
/**
 * The same, each in a group of its own: scanned from every place where one matches, it tells which entries' first
 * patterns match (at each place, the first in table order that matches there). Case-insensitive, so a superset of
 * an entry whose pattern is not; every entry found is then tried with its own patterns.
 */
const FIRST_PATTERNS = new RegExp(WITH_MEANING.map((e) => `(${e.says?.[0]?.source})`).join("|"), "gi");
/** The entry of each of FIRST_PATTERNS's groups (the patterns' own groups, if any, have none). */
const ENTRY_OF_GROUP: (Entry | undefined)[] = [undefined];
for (const e of WITH_MEANING) {
  ENTRY_OF_GROUP.push(e, ...Array<undefined>(groupsIn(e.says?.[0]?.source ?? "")));
}

const matchesWhole = (entry: Entry, text: string) => entry.says?.every((re) => re.test(text)) ?? false;

/** The first entry (in table order) all of whose patterns match `text`, for telling which paragraph it is. */
function firstByMeaning(text: string): Entry | undefined {
  return ANY_MEANING.test(text) ? WITH_MEANING.find((e) => matchesWhole(e, text)) : undefined;
}

/**
 * Some entry all of whose patterns match `text`, not necessarily the first: for when only whether a paragraph is
 * general matters. The entries that one scan finds are tried first; only if none of them matches whole are the
 * others tried (an entry whose first pattern matches only where an earlier one's also does is not reported).
 */
function someByMeaning(text: string): Entry | undefined {
  const found = new Set<Entry>();
  FIRST_PATTERNS.lastIndex = 0;
  for (let m = FIRST_PATTERNS.exec(text); m !== null; m = FIRST_PATTERNS.exec(text)) {
    const entry = ENTRY_OF_GROUP[m.findIndex((g, i) => i > 0 && g !== undefined && ENTRY_OF_GROUP[i])];
    if (entry) found.add(entry);
    FIRST_PATTERNS.lastIndex = m.index + 1;
  }
  if (found.size === 0) return undefined;
  for (const entry of found) if (matchesWhole(entry, text)) return entry;
  return WITH_MEANING.find((entry) => !found.has(entry) && matchesWhole(entry, text));
}

/**
 * Runs of white space made one space, as /\s+/g → " " would, but matching only where that changes something: a run
 * of two or more, or one that is not a space. (Matching every space between words costs a replacement each.)
 */
const SPACE_RUN = /\s{2,}|[^\S ]/g;
const oneSpaced = (text: string) => text.replace(SPACE_RUN, " ");

/** A paragraph's first words, lower-cased: the converter's stray symbols on lines of their own go first. */
function head(paragraph: string): string {
  let start = paragraph.trimStart().slice(0, 200);
  // Only a paragraph that does not start with a letter can have such lines before its words.
  const c = start.charCodeAt(0) | 0x20;
  if (!(c >= 0x61 && c <= 0x7a)) start = start.replace(/^(?:[^\p{L}\n]*\n)+/u, "");
  return oneSpaced(start.slice(0, 120)).toLowerCase();
}

/** Which general paragraph this is, if it is one. */
export function generalParagraph(paragraph: string): GeneralMatch | undefined {
  return read(paragraph, firstByMeaning).general;
}

/** Whether every council's letter carries this paragraph (or it only states statistics). */
export function isGeneral(paragraph: string): boolean {
  return read(paragraph, someByMeaning).general !== undefined;
}

/**
 * The sentences of a paragraph that may be about this council: none for a general paragraph, and never the ones
 * that only state statistics ("We investigated 76 complaints and upheld 63.").
 */
export function councilSentences(paragraph: string): string[] {
  if (knownGeneral(paragraph)) return [];
  const { general, parts, statistics, ownFrom } = read(paragraph, someByMeaning);
  if (general) {
    // The paragraphs known by their opening or meaning recur in every letter of a year; the statistics are each
    // letter's own, which would only crowd the others out.
    if (general.by !== "statistics") remember(paragraph);
    return [];
  }
  if (!statistics) return parts;
  // The sentences that are not statistics: those before `ownFrom` are, and the one there is not (read tested them).
  const own: string[] = [];
  for (let i = Math.max(ownFrom, 0); i < parts.length; i++) {
    const sentence = parts[i] as string;
    if (i === ownFrom || !isStatistic(sentence)) own.push(sentence);
  }
  return own;
}

/**
 * Paragraphs already found general, by their exact text: every council's letter of a year carries the same ones, so
 * a batch of letters judges each of them once. Whether a paragraph is general depends on its text alone, so the
 * answer is the one `read` would give. They are filed by length (a number is hashed for free, a paragraph's text is
 * not) and compared whole; the store is bounded (emptied when full), and each one kept is a copy of its own: a
 * paragraph cut from a letter's text would keep the whole of that text alive.
 */
const KNOWN_GENERAL = new Map<number, string[]>();
let knownGeneralCount = 0;
const KNOWN_GENERAL_MAX = 512;
const KNOWN_GENERAL_LONGEST = 4000;

export function knownGeneral(paragraph: string): boolean {
  return KNOWN_GENERAL.get(paragraph.length)?.includes(paragraph) === true;
}

function remember(paragraph: string): void {
  if (paragraph.length > KNOWN_GENERAL_LONGEST) return;
  if (knownGeneralCount >= KNOWN_GENERAL_MAX) {
    KNOWN_GENERAL.clear();
    knownGeneralCount = 0;
  }
  const copy = JSON.parse(JSON.stringify(paragraph)) as string;
  const same = KNOWN_GENERAL.get(paragraph.length);
  if (same) same.push(copy);
  else KNOWN_GENERAL.set(paragraph.length, [copy]);
  knownGeneralCount++;
}

/** What may be a statistic: every one of them holds a figure or says no recommendations were due. */
const STATISTIC_HINT = /\d|no recommendations were due|not ready for us/i;

/**
 * What a paragraph is: general (and by which entry: `meaning` finds it among those known by meaning) or the
 * council's, with its sentences.
 */
function read(
  paragraph: string,
  meaning: (text: string) => Entry | undefined,
): {
  general: GeneralMatch | undefined;
  parts: string[];
  statistics: boolean;
  /** Where `statistics`: the first of `parts` that is not a statistic, every one before it being one (-1: none). */
  ownFrom: number;
} {
  const opening = OPENINGS.exec(head(paragraph));
  if (opening) {
    const entry = WITH_OPENING[opening.findIndex((group, i) => i > 0 && group !== undefined) - 1];
    if (entry) {
      return {
        general: { year: entry.year, about: entry.about, by: "opening" },
        parts: [],
        statistics: false,
        ownFrom: 0,
      };
    }
  }
  const text = oneSpaced(paragraph).trim();
  // Splitting into sentences is the costly part, so it is done only when a sentence must be judged on its own.
  let parts: string[] | undefined;
  const split = () => {
    parts ??= sentences(text);
    return parts;
  };
  const statistics = STATISTIC_HINT.test(text);
  // The first sentence that is not a statistic (every one before it is), where the paragraph may hold some.
  const ownFrom = statistics ? split().findIndex((s) => !isStatistic(s)) : 0;
  if (statistics && split().length > 0 && ownFrom < 0) {
    return {
      general: { year: null, about: "the letter's statistics", by: "statistics" },
      parts: split(),
      statistics,
      ownFrom,
    };
  }
  // A paragraph that reports on this council is its own, whatever else it says; only one that does not is looked
  // for among the general ones (the costlier test, which most of a council's own paragraphs so skip).
  const own = NAMES_COUNCIL.test(text) && FINDING.test(text) && split().some(reportsOnCouncil);
  const entry = own ? undefined : meaning(text);
  if (entry) {
    return {
      general: { year: entry.year, about: entry.about, by: "meaning" },
      parts: [],
      statistics,
      ownFrom,
    };
  }
  return { general: undefined, parts: split(), statistics, ownFrom };
}
