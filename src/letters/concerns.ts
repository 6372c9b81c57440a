import { councilSentences, isGeneral, knownGeneral } from "./general.ts";
import type { Concern, ConcernCategory, Tone } from "./schema.ts";
import { sentences } from "./sentences.ts";

/**
 * Finds what the Ombudsman wrote to this council alone. Every letter of a year shares most of its paragraphs
 * (statistics definitions, resources, training programme, that year's news); general.ts knows them, by their opening
 * words and by what they say, across the years' wordings, and they never become concerns; nor do sentences that
 * only state the statistics. What is left is read sentence by sentence: each sentence that names a known subject
 * opens or extends a concern, and the sentences around it (context such as "It is therefore concerning this happened
 * on two occasions.") join the concern they belong to.
 *
 * Tone comes from what a sentence says, not from which keyword it holds: "no delays", "without delay" and "not late"
 * are good news; "I would gently encourage the Council to ensure remedies are completed on time" asks for better and
 * is a concern; "the Council responded to all our enquiries on time" is praise.
 */

/** A paragraph written for this council names it, its staff or "you". */
const ADDRESSES_COUNCIL = /\b(?:your|the) (?:council|authority|organisation|staff|officers)\b|\byou(?:r)?\b/i;

const POSITIVE =
  /\b(?:improv\w*|welcome[sd]?|pleased|pleasing|reassur\w*|impressed|happily|happy|commend\w*|thank\w*|good|positive(?:ly)?|prompt(?:ly)?|well|grateful|glad|excellent|credit|encourag(?:ing|ed))\b/i;
const NEGATIVE =
  /\b(?:not|never|no|disappoint\w*|concern\w*|too long|late|delay\w*|fail\w*|worr\w*|unacceptable|poor|regret\w*|problem\w*|unusual|again)\b/i;
const NOT_IMPROVED = /\bnot (?:seen|noticed|observed) (?:an |any )?improvement|\bno improvement/i;

/**
 * Denials of something bad, which are good news: "no delays", "without delay", "not late", "none were overdue".
 * They are taken out before a sentence is searched for bad news.
 */
const GOOD_DENIAL =
  /\b(?:no|without(?: any)?|nor any|free (?:of|from))\s+(?:(?:undue|unnecessary|significant|further|real|major|avoidable)\s+)?(?:delays?|concerns?|problems?|issues?|late (?:responses?|remedies|replies))\b|\b(?:not|never) (?:been |being )?(?:late|delayed|overdue)\b|\bnone\b[^.;]{0,60}?\b(?:were|was) (?:late|overdue|delayed)\b|\bno (?:need to|reason to) (?:chase|remind)\b|\bno (?:complaints?|cases?|occasions?|instances?)\b[^.;]{0,60}?\b(?:failed|fail|refused|late|delay\w*)\b[^.;]{0,30}|\b(?:not|no longer) (?:concerned|worried)\b|\b(?:tackl\w*|clear\w*|reduc\w*|address\w*|resolv\w*|overc[oa]m\w*|eliminat\w*|cut)\s+(?:(?:the|its|a|their|our|those|these|this)\s+)?(?:\w+\s+){0,2}?(?:backlogs?|delays?)(?:\s+of\s+(?:delayed|late|overdue)\s+\w+)?(?:\s+(?:we|i)\s+(?:reported|highlighted|raised|noted))?|\b(?:complaints?|cases?|investigations?|decisions?|reports?)(?:\s+[a-z]+){0,3}\s+concerned\b/gi;

/** The good denials that are about time: "no delays", "without delay", "not late", "none of them was late". */
const TIMELY_DENIAL =
  /\b(?:no|without(?: any)?)\s+(?:(?:undue|unnecessary|significant|further|avoidable)\s+)?delays?\b|\b(?:not|never) (?:been |being )?(?:late|delayed|overdue)\b|\bnone\b[^.;]{0,60}?\b(?:were|was) (?:late|overdue|delayed)\b/i;

/** Bad news in a sentence, once its good denials are set aside. */
function saysBad(sentence: string): boolean {
  return NEGATIVE.test(sentence.replace(GOOD_DENIAL, " "));
}

/** A request for better ("I would gently encourage the Council to ensure ..."): not praise, however kind. */
const ASKS =
  /\b(?:encourages?|ask|asks|urge\w*|remind\w*|request\w*|expect\w*|should|must|need(?:s|ed)? to|ensure|make sure|would (?:be helpful|help) if|would like(?! to (?:thank|commend|congratulate|recognise|acknowledge)))\b/i;
/** A request made of this council, which makes a paragraph worth recording even without a subject we know. */
const ASKS_COUNCIL =
  /\b(?:encourag\w*|ask\w*|urg\w*|remind\w*|request\w*|expect\w*|invit\w*|would like)\s+(?:the|your) (?:council|authority|organisation)\b/i;

/** Timeliness words: about enquiries or remedies, these are the subject of a concern or of praise. */
const ON_TIME =
  /\b(?:on time|in time|promptly|prompt|quickly|swiftly|without (?:any )?delay|no (?:undue )?delays?|within (?:the )?(?:agreed |requested |required |set |our )?(?:timescales?|deadlines?|time(?: ?(?:frames?|limits?|scales?))?))\b/i;
const ABOUT_OUR_WORK =
  /\b(?:remed(?:y|ies)|recommendations?|enquir\w+|requests? for information|investigations?|actions? (?:it|you|the council) agreed)\b/i;

const ABOUT_TRAINING = /\b(?:course|training|workshop)\b/i;

/**
 * "The Council responded to all our enquiries on time, with no delays": good performance, stated as fact. (A course
 * arranged "without delay" is praise for training, which its own rule reads.)
 */
const isGoodPerformance = (s: string) =>
  ABOUT_OUR_WORK.test(s) &&
  (ON_TIME.test(s) || TIMELY_DENIAL.test(s)) &&
  !saysBad(s) &&
  !ASKS.test(s) &&
  !ABOUT_TRAINING.test(s);

/** Something went wrong, or the council is asked to do better: what makes a sentence about timeliness a concern. */
const isShortfall = (s: string) => saysBad(s) || ASKS.test(s);

interface Rule {
  category: ConcernCategory;
  test: (s: string) => boolean;
  tone: (s: string) => Tone;
}

const praiseUnlessNegative = (s: string): Tone => (saysBad(s) ? "concern" : "praise");
/** An improvement wished for, not seen: "I hope to see improvement", "I look forward to seeing further improvement". */
const HOPED_FOR =
  /\b(?:hope|hoping|hopeful|look(?:ing)? forward to|would (?:like|wish|want) to see|want to see|wish to see)\b/i;
const isImprovement = (s: string) =>
  (/\bimprov(?:ed|ement|ing)\b|\b(?:reduced|cut|shortened) the time\b/i.test(s) &&
    !NOT_IMPROVED.test(s) &&
    !saysBad(s) &&
    !ASKS.test(s) &&
    !HOPED_FOR.test(s)) ||
  isGoodPerformance(s);

/** First rule that matches a sentence decides its category; the order puts the most specific first. */
const RULES: Rule[] = [
  { category: "witness_summons", test: (s) => /witness summons/i.test(s), tone: () => "concern" },
  {
    category: "improvement",
    test: (s) => isImprovement(s),
    tone: () => "praise",
  },
  {
    category: "remedy_delays",
    test: (s) =>
      /\bremed(?:y|ies)\b|\brecommendations?\b/i.test(s) &&
      /\b(?:timescales?|deadlines?|late|delay\w*|on time|overdue|promptly|quickly)\b/i.test(s) &&
      isShortfall(s),
    tone: () => "concern",
  },
  {
    category: "slow_enquiry_responses",
    test: (s) =>
      /\b(?:enquir\w+|investigations?|requests? for information)\b/i.test(s) &&
      /\b(?:respon\w*|repl\w*|answer\w*)\b/i.test(s) &&
      (/\b(?:too long|late|delay\w*|slow\w*|timescales?|deadlines?|within|on time|promptly|quickly|by the (?:date|time)s?)\b/i.test(
        s,
      ) ||
        NOT_IMPROVED.test(s)) &&
      isShortfall(s),
    tone: () => "concern",
  },
  {
    category: "compliance_failure",
    // Said of a failure, not of its absence: "no complaints this year where the Council failed to comply" is praise.
    test: (s) =>
      /\b(?:not|failed to|fail to|failure to|refused to|declined to) comply\b|non-?compliance/i.test(
        s.replace(GOOD_DENIAL, " "),
      ),
    tone: () => "concern",
  },
  {
    category: "public_report",
    test: (s) => /\bpublic (?:interest )?reports?\b|\bissued (?:a|two|\d+) reports?\b|section 31/i.test(s),
    tone: () => "concern",
  },
  {
    category: "meeting_requested",
    test: (s) => /\b(?:opportunity to meet|to meet (?:with )?(?:you|the council)|a meeting with)\b/i.test(s),
    tone: () => "concern",
  },
  {
    category: "training",
    test: (s) => ABOUT_TRAINING.test(s) && /\b(?:your|the council'?s?)\b/i.test(s),
    tone: praiseUnlessNegative,
  },
  {
    category: "complaint_handling",
    test: (s) => /\bcomplaints? (?:handling|process|procedure)\b/i.test(s),
    tone: praiseUnlessNegative,
  },
];

const EVALUATIVE = new RegExp(`${POSITIVE.source}|${NEGATIVE.source}|${ASKS_COUNCIL.source}`, "i");

interface Group {
  category: ConcernCategory;
  tone: Tone;
  sentences: string[];
}

/**
 * A sentence that turns from what came before: "However, …", "But …", "That said, …", "On a more positive note, …".
 * ("Although" and "While" turn within their own sentence, not from the one before.)
 */
const TURN =
  /^(?:however|but|nevertheless|nonetheless|that said|having said that|even so|despite (?:this|that)|in contrast|by contrast|conversely|on the other hand|on a (?:more |less )?(?:positive|brighter|happier|negative|less positive) note|more positively|less positively)\b/i;

const opposite = (tone: Tone): Tone => (tone === "concern" ? "praise" : "concern");

/** The tone a sentence that no rule reads says plainly, if any: bad news or a request, or good news. */
function turnsTo(sentence: string): Tone | undefined {
  if (saysBad(sentence) || ASKS_COUNCIL.test(sentence)) return "concern";
  if (POSITIVE.test(sentence) && !ASKS.test(sentence)) return "praise";
  return undefined;
}

/** Sentences that no rule reads, as a concern or praise of no known subject if they judge anything. */
function unclassified(sentences: string[]): Group | undefined {
  if (sentences.length === 0) return undefined;
  const text = sentences.join(" ");
  if (!EVALUATIVE.test(text)) return undefined;
  return {
    category: "other",
    tone: saysBad(text) || ASKS_COUNCIL.test(text) ? "concern" : "praise",
    sentences,
  };
}

/** Whether every council's letter of its year carries this paragraph (general.ts), so it is never a concern. */
export function isBoilerplate(paragraph: string): boolean {
  return isGeneral(paragraph);
}

function classify(sentence: string): { category: ConcernCategory; tone: Tone } | undefined {
  const rule = RULES.find((r) => r.test(sentence));
  return rule ? { category: rule.category, tone: rule.tone(sentence) } : undefined;
}

/**
 * Concerns (and praise) in the paragraphs between the salutation and the signature. `names` are the council's own
 * (its name and short name): a paragraph that names it ("I am concerned that Cornwall took too long …") is written
 * about it as surely as one that says "your Council".
 */
export function readConcerns(body: string[], names: readonly string[] = []): Concern[] {
  const concerns: Concern[] = [];
  for (const paragraph of body) {
    // A paragraph already found general (most of a letter's) is passed over before anything is asked of it.
    if (knownGeneral(paragraph)) continue;
    const stops = paragraph.includes(".") || paragraph.includes("!") || paragraph.includes("?");
    if (!stops || !(ADDRESSES_COUNCIL.test(paragraph) || names.some((name) => paragraph.includes(name))))
      continue;
    const own = councilSentences(paragraph);
    if (own.length === 0) continue;
    const groups: Group[] = [];
    let pending: string[] = [];
    for (const sentence of own) {
      const found = classify(sentence);
      const last = groups[groups.length - 1];
      if (found && last && last.category === found.category) {
        last.sentences.push(sentence);
        if (found.tone === "concern") last.tone = "concern";
      } else if (found) {
        // "I was pleased to see … However, I am concerned …": what came before the turn is said in the other tone,
        // so it stands on its own rather than opening this concern (or this praise).
        const before = TURN.test(sentence) ? unclassified(pending) : undefined;
        if (before && before.tone !== found.tone) groups.push(before);
        groups.push({
          ...found,
          sentences: before && before.tone !== found.tone ? [sentence] : [...pending, sentence],
        });
        pending = [];
      } else if (last && TURN.test(sentence) && turnsTo(sentence) === opposite(last.tone)) {
        // "… remedies were late in four cases. However, I was pleased to note …": the turn is not more of the same.
        groups.push({ category: "other", tone: opposite(last.tone), sentences: [sentence] });
      } else if (last) {
        last.sentences.push(sentence);
      } else {
        pending.push(sentence);
      }
    }
    if (groups.length === 0 && pending.length > 0) {
      const alone = unclassified(pending);
      if (alone) groups.push(alone);
    }
    for (const group of groups) {
      // The letter's own words, bounded: a real concern is a few sentences; a runaway line is not kept whole.
      const whole = group.sentences.join(" ");
      const quote = copied(whole.length > MAX_QUOTE ? `${whole.slice(0, MAX_QUOTE - 1).trimEnd()}…` : whole);
      concerns.push({
        category: group.category,
        tone: group.tone,
        summary: summarise(group.category, group.tone, quote),
        quote,
      });
    }
  }
  return concerns;
}

/**
 * A string of its own with `text`'s characters. A quote is cut from the letter's text, and in V8 a string cut from
 * another keeps the whole of that one alive: a record kept in the store would keep its letter's text with it.
 */
function copied(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** The longest quote kept: real concerns run to a few sentences. */
const MAX_QUOTE = 1500;

const NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|\\d+";

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A one-line summary in our words, with the letter's own figure where it gives one. */
function summarise(category: ConcernCategory, tone: Tone, quote: string): string {
  switch (category) {
    case "remedy_delays": {
      const cases = new RegExp(`\\bin (${NUMBER_WORDS}) (?:cases|complaints)\\b`, "i").exec(quote)?.[1];
      return cases
        ? `Remedies not completed within the agreed timescales in ${cases} cases`
        : "Remedies not completed within the agreed timescales";
    }
    case "slow_enquiry_responses": {
      const share =
        /\b((?:over|more than|almost|nearly|around|about|less than|under|just over|well over) )?((?:a|one|two|three) (?:third|quarter|half|fifth)s?|half|\d{1,3}%) of (?:our )?enquiries\b/i.exec(
          quote,
        );
      return share
        ? `${capitalise(`${share[1] ?? ""}${share[2]}`)} of enquiries not answered within the requested time`
        : "Enquiries answered slowly, delaying investigations";
    }
    case "witness_summons": {
      const threatened = /threaten\w* to (?:use|issue|serve) a witness summons/i.test(quote);
      const issued =
        /(?<!threaten\w* to )\b(?:issu(?:ed|ing)|serv(?:ed|ing)|(?:had|needed|was forced) to (?:issue|serve)) a witness summons/i.test(
          quote,
        );
      if (threatened && issued) return "Witness summons threatened once and issued once";
      if (issued) return "Witness summons issued";
      if (threatened) return "Witness summons threatened";
      return "Witness summons considered";
    }
    case "compliance_failure":
      return "Recommendations not complied with";
    case "public_report":
      return "Public report issued about the council";
    case "meeting_requested":
      return "The Ombudsman asks to meet to discuss the issues raised";
    case "training":
      return /complaint handling/i.test(quote)
        ? "Complaint handling training delivered to the council's staff"
        : "Training delivered to the council's staff";
    case "improvement": {
      const better = /\bimprov(?:ed|ement|ing)\b/i.test(quote);
      if (
        /\bremed(?:y|ies)\b|\brecommendations?\b/i.test(quote) &&
        /timescale|on time|deadline|delay|late/i.test(quote)
      )
        return better
          ? "Remedies completed within the agreed timescales more often than before"
          : "Remedies completed within the agreed timescales";
      if (/enquir/i.test(quote))
        return better
          ? "Faster responses to the Ombudsman's enquiries"
          : "The Ombudsman's enquiries answered on time";
      return "Improvement recognised";
    }
    case "complaint_handling":
      return tone === "praise"
        ? "Complaint handling praised"
        : "Concerns about the council's complaint handling";
    case "other": {
      // A concern of its own that opens on a turn ("However, I was pleased …") is summarised without the turn.
      const said = sentences(quote)[0] ?? quote;
      const first = TURN.test(said) ? capitalise(said.replace(TURN, "").replace(/^[\s,]+/, "")) : said;
      return first.length > 120 ? `${first.slice(0, 117).trimEnd()}...` : first;
    }
  }
}
