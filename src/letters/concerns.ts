import type { Concern, ConcernCategory, Tone } from "./schema.ts";
import { sentences } from "./sentences.ts";

/**
 * Finds what the Ombudsman wrote to this council alone. Every letter of a year shares most of its paragraphs
 * (statistics definitions, resources, training programme); those are recognised by their opening words, across
 * the years' wordings, and never become concerns. What is left is read sentence by sentence: each sentence that
 * names a known subject opens or extends a concern, and the sentences around it (context such as "It is therefore
 * concerning this happened on two occasions.") join the concern they belong to.
 */

const BOILERPLATE = [
  // 2020-21: "I write to you with our annual summary of statistics"; 2022-23: "I am writing to you with your annual
  // summary of complaint statistics".
  /^i (?:write|am writing) to you with (?:our|your) annual (?:summary|review)/,
  /^this year,? we continue to place our focus/,
  /^we focus our statistics/,
  /^(?:complaints upheld|compliance with (?:ombudsman )?recommendations|satisfactory remed(?:y|ies) provided by the \w+) ?[-:]/,
  /^right before the complaint came to us/,
  /^finally,? we compare the three key annual statistics/,
  /^this data will be uploaded to our interactive map/,
  /^(?:your council's performance|resources to help you get it right)/,
  /^there are a range of resources available/,
  /^i would encourage you to share the tool/,
  /^earlier this year,? we held our link officer seminars/,
  /^we have a well-established and successful training programme/,
  /^delivered last year and included more training/,
  /^to find out more visit/,
  /^(?:the )?complaint handling code/,
  /^(?:complaint statistics|annual review letter)/,
  /^(?:yours sincerely|yours faithfully|kind regards)/,
  /^failure to comply with our recommendations is rare/,
  /^statistics are based on/,
];

const BOILERPLATE_START = new RegExp(BOILERPLATE.map((re) => `(?:${re.source})`).join("|"));

/** A paragraph written for this council names it, its staff or "you". */
const ADDRESSES_COUNCIL = /\b(?:your|the) (?:council|authority|organisation|staff|officers)\b|\byou(?:r)?\b/i;

const POSITIVE =
  /\b(?:improv\w*|welcome[sd]?|pleased|happily|happy|commend\w*|thank\w*|good|positive(?:ly)?|prompt(?:ly)?|well)\b/i;
const NEGATIVE =
  /\b(?:not|never|no|disappoint\w*|concern\w*|too long|late|delay\w*|fail\w*|worr\w*|unacceptable|poor|regret\w*|problem\w*|unusual|again)\b/i;
const NOT_IMPROVED = /\bnot (?:seen|noticed|observed) (?:an |any )?improvement|\bno improvement/i;

interface Rule {
  category: ConcernCategory;
  test: (s: string) => boolean;
  tone: (s: string) => Tone;
}

const praiseUnlessNegative = (s: string): Tone => (NEGATIVE.test(s) ? "concern" : "praise");
const isImprovement = (s: string) =>
  /\bimprov(?:ed|ement|ing)\b/i.test(s) && !NOT_IMPROVED.test(s) && !/\bnot\b/i.test(s);

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
      /\b(?:timescales?|deadlines?|late|delay\w*|on time|overdue)\b/i.test(s),
    tone: () => "concern",
  },
  {
    category: "slow_enquiry_responses",
    test: (s) =>
      /\b(?:enquir\w+|investigations?|requests? for information)\b/i.test(s) &&
      /\b(?:respon\w*|repl\w*|answer\w*)\b/i.test(s) &&
      (/\b(?:too long|late|delay\w*|slow\w*|timescales?|deadlines?|within)\b/i.test(s) ||
        NOT_IMPROVED.test(s)),
    tone: () => "concern",
  },
  {
    category: "compliance_failure",
    test: (s) =>
      /\b(?:not|failed to|fail to|failure to|refused to|declined to) comply\b|non-?compliance/i.test(s),
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
    test: (s) => /\b(?:course|training|workshop)\b/i.test(s) && /\b(?:your|the council'?s?)\b/i.test(s),
    tone: praiseUnlessNegative,
  },
  {
    category: "complaint_handling",
    test: (s) => /\bcomplaints? (?:handling|process|procedure)\b/i.test(s),
    tone: praiseUnlessNegative,
  },
];

const EVALUATIVE = new RegExp(`${POSITIVE.source}|${NEGATIVE.source}`, "i");

export function isBoilerplate(paragraph: string): boolean {
  // A converter's stray symbols on a line of their own ("!", "•", ":") come before the words that say what it is.
  // Only the opening words matter, so only they are lower-cased and matched (one combined pattern).
  const head = paragraph
    .trimStart()
    .slice(0, 200)
    .replace(/^(?:[^\p{L}\n]*\n)+/u, "")
    .slice(0, 120)
    .toLowerCase();
  return BOILERPLATE_START.test(head);
}

function classify(sentence: string): { category: ConcernCategory; tone: Tone } | undefined {
  const rule = RULES.find((r) => r.test(sentence));
  return rule ? { category: rule.category, tone: rule.tone(sentence) } : undefined;
}

/** Concerns (and praise) in the paragraphs between the salutation and the signature. */
export function readConcerns(body: string[]): Concern[] {
  const concerns: Concern[] = [];
  for (const paragraph of body) {
    if (isBoilerplate(paragraph) || !/[.!?]/.test(paragraph) || !ADDRESSES_COUNCIL.test(paragraph)) continue;
    const groups: { category: ConcernCategory; tone: Tone; sentences: string[] }[] = [];
    let pending: string[] = [];
    for (const sentence of sentences(paragraph)) {
      const found = classify(sentence);
      const last = groups[groups.length - 1];
      if (found && last && last.category === found.category) {
        last.sentences.push(sentence);
        if (found.tone === "concern") last.tone = "concern";
      } else if (found) {
        groups.push({ ...found, sentences: [...pending, sentence] });
        pending = [];
      } else if (last) {
        last.sentences.push(sentence);
      } else {
        pending.push(sentence);
      }
    }
    if (groups.length === 0 && pending.length > 0 && EVALUATIVE.test(paragraph)) {
      const text = pending.join(" ");
      groups.push({
        category: "other",
        tone: NEGATIVE.test(text) ? "concern" : "praise",
        sentences: pending,
      });
    }
    for (const group of groups) {
      const quote = group.sentences.join(" ");
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
      const issued = /(?<!threaten\w* to )\b(?:issu(?:ed|ing)|serv(?:ed|ing)) a witness summons/i.test(quote);
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
    case "improvement":
      if (/\bremed(?:y|ies)\b/i.test(quote) && /timescale|on time|deadline/i.test(quote))
        return "Remedies completed within the agreed timescales more often than before";
      if (/enquir/i.test(quote)) return "Faster responses to the Ombudsman's enquiries";
      return "Improvement recognised";
    case "complaint_handling":
      return tone === "praise"
        ? "Complaint handling praised"
        : "Concerns about the council's complaint handling";
    case "other": {
      const first = sentences(quote)[0] ?? quote;
      return first.length > 120 ? `${first.slice(0, 117).trimEnd()}...` : first;
    }
  }
}
