import { describe, expect, it } from "vitest";
import { Answer, type CouncilFacts, EXAMPLES, type RateFact } from "../../src/answers/index.ts";
import type { Metric } from "../../src/letters/index.ts";
import { answerTo, FIGURES, figure, type Rated, SEFTON_2021, twoYears } from "./support.ts";

/**
 * Questions as council officers type them, over the five sample letters of 2020, each with the facts its answer
 * must contain: in the `Answer` data (kind, rates with their average, difference, position and rank, concerns,
 * ranking rows, caveats) and in the text `renderAnswer` prints.
 */

function councilIn(answer: Answer, shortName: string): CouncilFacts {
  const found = answer.councils.find((c) => c.authority.shortName === shortName);
  if (!found) throw new Error(`the answer has no facts for ${shortName}`);
  return found;
}

function rateIn(answer: Answer, shortName: string, metric: Metric): RateFact {
  const found = councilIn(answer, shortName).rates.find((r) => r.metric === metric);
  if (!found) throw new Error(`the answer has no ${metric} rate for ${shortName}`);
  return found;
}

/** The council's rate and average are the letter's, and the answer places it as `where` says. */
function expectRate(
  answer: Answer,
  shortName: Rated,
  metric: Metric,
  where: Partial<Pick<RateFact, "difference" | "position" | "rank" | "base">> = {},
): void {
  expect(rateIn(answer, shortName, metric)).toMatchObject({ ...figure(shortName, metric), ...where });
}

const names = (list: { authority: { shortName: string } }[]) => list.map((x) => x.authority.shortName);
const categories = (answer: Answer) => answer.concerns.map((c) => `${c.authority.shortName}:${c.category}`);
const councilsNamed = (answer: Answer) => answer.councils.map((c) => c.authority.shortName);

/** The rendered text with its line wrapping undone, so a sentence can be looked for whole. */
const flat = (text: string) => text.replace(/\s+/g, " ");

const SEFTON_CONCERNS = [
  "Sefton:improvement",
  "Sefton:slow_enquiry_responses",
  "Sefton:witness_summons",
  "Sefton:meeting_requested",
  "Sefton:training",
];

interface Case {
  /** What the officer types. */
  ask: string;
  /** The sentence the case proves. */
  proves: string;
  kind: Answer["kind"];
  /** Text the rendered answer must contain (line wrapping ignored). */
  says: (string | RegExp)[];
  /** Text it must not contain. */
  never?: (string | RegExp)[];
  /** Checks on the answer's data. */
  check?: (answer: Answer) => void;
}

const CASES: Case[] = [
  // --- One council's letter in summary -------------------------------------------------------------------------
  {
    ask: "Sefton",
    proves: "Sefton's summary gives its three rates against the average, its rank and the letter's concerns",
    kind: "summary",
    says: [
      "Sefton Metropolitan Borough Council: 2020 annual review letter",
      "Complaints upheld: 81%, 14 points above the similar-authority average of 67%; the highest of the 3 metropolitan boroughs I hold.",
      "Compliance with recommendations: 100%, level with the similar-authority average of 100%",
      "Satisfactory remedy: 23%, 12 points above the similar-authority average of 11%",
      "The letter raises 3 concerns and gives praise on 2 points.",
      "Witness summons",
      "Source: data/letters/2020/sefton.txt",
    ],
    check: (answer) => {
      expectRate(answer, "Sefton", "upheld", {
        difference: 14,
        position: "above",
        rank: { position: 1, of: 3, tied: 1 },
      });
      expectRate(answer, "Sefton", "compliance", {
        difference: 0,
        position: "level",
        rank: { position: 1, of: 3, tied: 3 },
      });
      expectRate(answer, "Sefton", "remedy", { difference: 12, position: "above" });
      expect(categories(answer)).toEqual(SEFTON_CONCERNS);
      expect(answer.concerns.filter((c) => c.tone === "praise").map((c) => c.category)).toEqual([
        "improvement",
        "training",
      ]);
    },
  },
  {
    ask: "how is sefton doing",
    proves: "a lower-case name in a sentence is Sefton's summary",
    kind: "summary",
    says: ["81%", "avg 67%", "23%", "avg 11%"],
    check: (answer) => expect(councilsNamed(answer)).toEqual(["Sefton"]),
  },
  {
    ask: "tell me about Bury Council",
    proves: "Bury's summary: upheld 40% against 67%, and its late remedies",
    kind: "summary",
    says: [
      "Complaints upheld: 40%, 27 points below the similar-authority average of 67%; the lowest of the 3 metropolitan boroughs I hold.",
      "Satisfactory remedy: 0%, 11 points below the similar-authority average of 11%; joint lowest of the 3",
      "The letter raises 1 concern.",
      "Remedies late",
    ],
    check: (answer) => {
      expectRate(answer, "Bury", "upheld", {
        difference: -27,
        position: "below",
        rank: { position: 3, of: 3, tied: 1 },
        base: 15,
      });
      expectRate(answer, "Bury", "remedy", { position: "below", rank: { position: 2, of: 3, tied: 2 } });
      expect(categories(answer)).toEqual(["Bury:remedy_delays"]);
    },
  },
  {
    ask: "Sefton MBC",
    proves: "“MBC” after the name is Sefton",
    kind: "summary",
    says: ["Sefton Metropolitan Borough Council", "81%"],
    check: (answer) => expect(councilsNamed(answer)).toEqual(["Sefton"]),
  },
  {
    ask: "bury's letter",
    proves: "a possessive in lower case is Bury's summary",
    kind: "summary",
    says: ["Bury Metropolitan Borough Council: 2020 annual review letter", "40%", "avg 67%"],
    never: ["Did you mean"],
    check: (answer) => expect(councilsNamed(answer)).toEqual(["Bury"]),
  },
  {
    ask: "Stockport Metropolitan Borough Council",
    proves: "the full name is Stockport's summary, and a letter without concerns says so",
    kind: "summary",
    says: ["59%", "8 points below the similar-authority average of 67%", "The letter raises no concerns"],
    check: (answer) => {
      expectRate(answer, "Stockport", "upheld", { difference: -8, rank: { position: 2, of: 3, tied: 1 } });
      expect(answer.concerns).toEqual([]);
    },
  },

  // --- One rate --------------------------------------------------------------------------------------------------
  {
    ask: "what's Bury's upheld rate?",
    proves:
      "Bury upheld 40% of complaints, 27 points below the average of 67%, the lowest of 3 metropolitan boroughs",
    kind: "metric",
    says: [
      "Bury: complaints upheld, 2020",
      "Complaints upheld: 40%, 27 points below the similar-authority average of 67%; the lowest of the 3 metropolitan boroughs I hold.",
      "(15 investigations)",
    ],
    never: ["Compliance with recommendations", "Satisfactory remedy"],
    check: (answer) => {
      expect(councilIn(answer, "Bury").rates.map((r) => r.metric)).toEqual(["upheld"]);
      expectRate(answer, "Bury", "upheld", {
        difference: -27,
        position: "below",
        rank: { position: 3, of: 3, tied: 1 },
      });
    },
  },
  {
    ask: "Stockport compliance",
    proves: "Stockport complied in 100% of cases, level with the average, joint highest of 3",
    kind: "metric",
    says: [
      "Compliance with recommendations: 100%, level with the similar-authority average of 100%; joint highest of the 3 metropolitan boroughs I hold.",
      "Stockport's compliance with recommendations rate is based on 9 compliance outcomes: one case moves it by 11 points.",
    ],
    check: (answer) =>
      expectRate(answer, "Stockport", "compliance", {
        difference: 0,
        position: "level",
        rank: { position: 1, of: 3, tied: 3 },
        base: 9,
      }),
  },
  {
    ask: "satisfactory remedy rate for Sefton",
    proves: "Sefton's satisfactory remedy rate is 23%, 12 points above the average of 11%, the highest of 3",
    kind: "metric",
    says: [
      "Satisfactory remedy: 23%, 12 points above the similar-authority average of 11%; the highest of the 3 metropolitan boroughs I hold.",
    ],
    check: (answer) =>
      expectRate(answer, "Sefton", "remedy", {
        difference: 12,
        position: "above",
        rank: { position: 1, of: 3, tied: 1 },
        base: 13,
      }),
  },
  {
    ask: "upheld rate for Stockport",
    proves: "Stockport upheld 59%, 8 points below the average, 2nd highest of 3",
    kind: "metric",
    says: [
      "59%, 8 points below the similar-authority average of 67%; 2nd highest of the 3 metropolitan boroughs",
    ],
    check: (answer) =>
      expectRate(answer, "Stockport", "upheld", {
        difference: -8,
        position: "below",
        rank: { position: 2, of: 3, tied: 1 },
      }),
  },
  {
    ask: "how many complaints were upheld in Bury?",
    proves: "a question about upheld complaints is Bury's upheld rate, on its 15 investigations",
    kind: "metric",
    says: ["40%", "(15 investigations)"],
    check: (answer) => expectRate(answer, "Bury", "upheld", { base: 15 }),
  },
  {
    ask: "BURY'S UPHELD RATE???",
    proves:
      "capitals, a possessive and a row of question marks are still Bury's upheld rate, with no “did you mean”",
    kind: "metric",
    says: ["Complaints upheld: 40%, 27 points below the similar-authority average of 67%"],
    never: ["Did you mean"],
    check: (answer) => {
      expect(answer.question.councils).toMatchObject([{ shortName: "Bury", typo: false }]);
      expectRate(answer, "Bury", "upheld", { position: "below" });
    },
  },
  {
    ask: "Bromsgrove remedy",
    proves:
      "Bromsgrove's remedy rate of 0% on 2 upheld complaints is flagged: one case moves it by 50 points",
    kind: "metric",
    says: [
      "Satisfactory remedy: 0%, 20 points below the similar-authority average of 20%.",
      "Bromsgrove's satisfactory remedy rate is based on 2 upheld complaints: one case moves it by 50 points.",
    ],
    check: (answer) =>
      expectRate(answer, "Bromsgrove", "remedy", {
        difference: -20,
        position: "below",
        rank: { position: 1, of: 1, tied: 1 },
      }),
  },

  // --- Against similar authorities -------------------------------------------------------------------------------
  {
    ask: "how does Stockport compare with similar councils?",
    proves:
      "Stockport is below the metropolitan average on upheld (by 8) and remedy (by 11), level on compliance",
    kind: "similar",
    says: [
      "Each rate against the average the Ombudsman gives for metropolitan boroughs:",
      "Complaints upheld: 59%, 8 points below the similar-authority average of 67%; 2nd highest of the 3 metropolitan boroughs I hold.",
      "Compliance with recommendations: 100%, level with the similar-authority average of 100%; joint highest of the 3",
      "Satisfactory remedy: 0%, 11 points below the similar-authority average of 11%; joint lowest of the 3",
      "The rank is among the 3 metropolitan boroughs I hold letters for in 2020, not all of England's.",
    ],
    check: (answer) => {
      expectRate(answer, "Stockport", "upheld", {
        difference: -8,
        position: "below",
        rank: { position: 2, of: 3, tied: 1 },
      });
      expectRate(answer, "Stockport", "compliance", {
        difference: 0,
        position: "level",
        rank: { position: 1, of: 3, tied: 3 },
      });
      expectRate(answer, "Stockport", "remedy", {
        difference: -11,
        position: "below",
        rank: { position: 2, of: 3, tied: 2 },
      });
    },
  },
  {
    ask: "is Bury above average?",
    proves: "Bury is not above average: 27 points below on upheld, level on compliance, 11 below on remedy",
    kind: "similar",
    says: [
      "40%, 27 points below the similar-authority average of 67%",
      "0%, 11 points below the similar-authority average of 11%",
    ],
    check: (answer) =>
      expect(councilIn(answer, "Bury").rates.map((r) => [r.metric, r.position, r.difference])).toEqual([
        ["upheld", "below", -27],
        ["compliance", "level", 0],
        ["remedy", "below", -11],
      ]),
  },
  {
    ask: "how does Sefton stack up against other metropolitan boroughs?",
    proves:
      "Sefton is 14 points above the average on upheld, the highest of the 3 metropolitan boroughs held",
    kind: "similar",
    says: [
      "81%, 14 points above the similar-authority average of 67%; the highest of the 3 metropolitan boroughs I hold.",
    ],
    check: (answer) =>
      expectRate(answer, "Sefton", "upheld", { difference: 14, rank: { position: 1, of: 3, tied: 1 } }),
  },
  {
    ask: "is Stockport below average on upheld?",
    proves: "asked about one rate against the average, Stockport's answer compares that rate only",
    kind: "similar",
    says: ["59%, 8 points below the similar-authority average of 67%"],
    never: ["Satisfactory remedy:"],
    check: (answer) => {
      expect(councilIn(answer, "Stockport").rates.map((r) => r.metric)).toEqual(["upheld"]);
      expectRate(answer, "Stockport", "upheld", { position: "below", difference: -8 });
    },
  },
  {
    ask: "is Bromsgrove above average?",
    proves:
      "Bromsgrove is 1 point above the district average on compliance, and its 5 investigations are flagged",
    kind: "similar",
    says: [
      "Compliance with recommendations: 100%, 1 point above the similar-authority average of 99%.",
      "Complaints upheld: 40%, 5 points below the similar-authority average of 45%.",
      "Bromsgrove's complaints upheld rate is based on 5 investigations: one case moves it by 20 points.",
    ],
    never: ["of the 1 district"],
    check: (answer) => {
      expectRate(answer, "Bromsgrove", "compliance", { difference: 1, position: "above" });
      expectRate(answer, "Bromsgrove", "upheld", { difference: -5, position: "below", base: 5 });
    },
  },

  // --- Concerns in one council's letter --------------------------------------------------------------------------
  {
    ask: "any concerns for Sefton?",
    proves:
      "Sefton's letter raises slow enquiry responses, a witness summons and a meeting, and praises improvement and training",
    kind: "concerns",
    says: [
      "Sefton: concerns and praise in the 2020 letter",
      "Enquiries answered slowly",
      "Witness summons: Witness summons threatened once and issued once",
      "Meeting requested",
      "we threatened to use a witness summons in one case",
    ],
    check: (answer) => {
      expect(categories(answer)).toEqual(SEFTON_CONCERNS);
      expect(answer.concerns.map((c) => c.tone)).toEqual([
        "praise",
        "concern",
        "concern",
        "concern",
        "praise",
      ]);
    },
  },
  {
    ask: "what did the ombudsman say about Bury",
    proves: "what the Ombudsman said to Bury is its one concern, late remedies, in the letter's words",
    kind: "concerns",
    says: [
      "Remedies late: Remedies not completed within the agreed timescales in two cases",
      "in two cases, remedies were not completed",
    ],
    check: (answer) => expect(categories(answer)).toEqual(["Bury:remedy_delays"]),
  },
  {
    ask: "any issues with Stockport?",
    proves: "Stockport's letter raises nothing, and the answer says so",
    kind: "concerns",
    says: ["The 2020 letter to Stockport raises no concerns or praise."],
    check: (answer) => expect(answer.concerns).toEqual([]),
  },
  {
    ask: "did the ombudsman praise Sefton?",
    proves: "the praise in Sefton's letter is for improvement and training",
    kind: "concerns",
    says: ["Improvement", "Training"],
    never: ["Witness summons"],
    check: (answer) => expect(categories(answer)).toEqual(["Sefton:improvement", "Sefton:training"]),
  },
  {
    ask: "Sefton witness summons",
    proves: "one category for one council gives just that paragraph",
    kind: "concerns",
    says: ["witness summons threatened once and issued once"],
    check: (answer) => expect(categories(answer)).toEqual(["Sefton:witness_summons"]),
  },

  // --- Concerns across councils ----------------------------------------------------------------------------------
  {
    ask: "who had concerns raised?",
    proves: "Bury and Sefton had concerns raised, 2 of the 5 councils",
    kind: "concerns",
    says: ["Councils with concerns, 2020", "2 of the 5 councils with a 2020 letter: Bury and Sefton."],
    never: ["Stockport", "Bromsgrove"],
    check: (answer) => {
      expect(categories(answer)).toEqual([
        "Bury:remedy_delays",
        "Sefton:slow_enquiry_responses",
        "Sefton:witness_summons",
        "Sefton:meeting_requested",
      ]);
      expect(answer.concerns.every((c) => c.tone === "concern")).toBe(true);
    },
  },
  {
    ask: "which councils have concerns?",
    proves: "“which councils have …” asks about concerns, not about what the bot holds",
    kind: "concerns",
    says: ["2 of the 5 councils with a 2020 letter: Bury and Sefton."],
    check: (answer) => expect(new Set(names(answer.concerns))).toEqual(new Set(["Bury", "Sefton"])),
  },
  {
    ask: "who had witness summonses?",
    proves: "Sefton alone had a witness summons",
    kind: "concerns",
    says: ["Councils with a witness summons, 2020", "1 of the 5 councils with a 2020 letter: Sefton."],
    check: (answer) => expect(categories(answer)).toEqual(["Sefton:witness_summons"]),
  },
  {
    ask: "which councils had late remedies?",
    proves: "Bury alone had late remedies",
    kind: "concerns",
    says: ["Councils with late remedies, 2020", "1 of the 5 councils with a 2020 letter: Bury."],
    check: (answer) => expect(categories(answer)).toEqual(["Bury:remedy_delays"]),
  },
  {
    ask: "which councils have late remedies?",
    proves: "in the present tense too, late remedies are Bury's",
    kind: "concerns",
    says: ["1 of the 5 councils with a 2020 letter: Bury."],
    check: (answer) => expect(categories(answer)).toEqual(["Bury:remedy_delays"]),
  },
  {
    ask: "which councils were slow to answer enquiries?",
    proves: "Sefton alone answered the Ombudsman's enquiries slowly",
    kind: "concerns",
    says: ["Councils with slow answers to enquiries, 2020", "Sefton"],
    check: (answer) => expect(categories(answer)).toEqual(["Sefton:slow_enquiry_responses"]),
  },
  {
    ask: "which councils got praise?",
    proves: "Sefton alone was praised, for improvement and training",
    kind: "concerns",
    says: ["Councils with praise, 2020", "1 of the 5 councils with a 2020 letter: Sefton."],
    check: (answer) => {
      expect(categories(answer)).toEqual(["Sefton:improvement", "Sefton:training"]);
      expect(answer.concerns.every((c) => c.tone === "praise")).toBe(true);
    },
  },

  // --- Side by side ----------------------------------------------------------------------------------------------
  {
    ask: "compare Sefton and Stockport",
    proves: "side by side, one council's concerns say whose they are, so none reads as the other's",
    kind: "side_by_side",
    says: ["! Sefton: Witness summons: Witness summons threatened once and issued once"],
  },
  {
    ask: "compare Bury and Sefton",
    proves: "Bury and Sefton side by side: 40% and 81% upheld against the same 67% average",
    kind: "side_by_side",
    says: [
      "Bury and Sefton side by side",
      "Complaints upheld: Bury 40% (avg 67%), Sefton 81% (avg 67%).",
      "Compliance with recommendations: Bury 100% (avg 100%), Sefton 100% (avg 100%).",
      "Satisfactory remedy: Bury 0% (avg 11%), Sefton 23% (avg 11%).",
    ],
    check: (answer) => {
      expect(councilsNamed(answer)).toEqual(["Bury", "Sefton"]);
      expectRate(answer, "Bury", "upheld");
      expectRate(answer, "Sefton", "upheld");
      expectRate(answer, "Sefton", "remedy");
    },
  },
  {
    ask: "Bury vs Stockport vs Sefton",
    proves: "three councils side by side, in the order asked",
    kind: "side_by_side",
    says: [
      "Bury, Stockport and Sefton side by side",
      "Complaints upheld: Bury 40% (avg 67%), Stockport 59% (avg 67%), Sefton 81% (avg 67%).",
    ],
    check: (answer) => expect(councilsNamed(answer)).toEqual(["Bury", "Stockport", "Sefton"]),
  },
  {
    ask: "how do Bury and Stockport compare on upheld?",
    proves: "two councils on one rate show that rate only",
    kind: "side_by_side",
    says: ["Complaints upheld: Bury 40% (avg 67%), Stockport 59% (avg 67%)."],
    never: ["Satisfactory remedy:"],
    check: (answer) => {
      for (const c of answer.councils) expect(c.rates.map((r) => r.metric)).toEqual(["upheld"]);
    },
  },
  {
    ask: "Bury versus Bromsgrove",
    proves:
      "a metropolitan borough beside a district is flagged as different kinds, and Bromsgrove's small base is too",
    kind: "side_by_side",
    says: [
      "Complaints upheld: Bury 40% (avg 67%), Bromsgrove 40% (avg 45%).",
      "These are different kinds of council, each compared with its own kind's average.",
      "one case moves it by 20 points",
    ],
    check: (answer) => expectRate(answer, "Bromsgrove", "upheld", { base: 5 }),
  },
  {
    ask: "compare Bath and North East Somerset with Bury",
    proves:
      "beside Bury, Bath and North East Somerset's letter is said to give no statistics, with no figures made up",
    kind: "side_by_side",
    says: [
      "Bath and North East Somerset's 2020 letter gives no complaint statistics.",
      "Complaints upheld: Bury 40% (avg 67%).",
    ],
    never: [/Bath and North East Somerset \d+%/],
    check: (answer) => {
      expect(councilIn(answer, "Bath and North East Somerset")).toMatchObject({
        noStatistics: true,
        rates: [],
      });
      expectRate(answer, "Bury", "upheld");
    },
  },

  // --- Rankings --------------------------------------------------------------------------------------------------
  {
    ask: "which councils have the highest upheld rate?",
    proves: "by upheld rate Sefton (81%) is first, then Stockport (59%), then Bromsgrove and Bury (40%)",
    kind: "ranking",
    says: [
      "Highest upheld rate among councils, 2020",
      "All 4 councils with a 2020 upheld rate, highest first.",
      /1\. Sefton +81%/,
      /=3\. Bromsgrove +40%/,
    ],
    check: (answer) => {
      expect(answer.ranking).toMatchObject({ measure: "upheld", order: "highest", total: 4, year: 2020 });
      // Bromsgrove and Bury share third place: the same rate is the same place.
      expect(answer.ranking?.rows.map((r) => `${r.tied ? "=" : ""}${r.place}`)).toEqual([
        "1",
        "2",
        "=3",
        "=3",
      ]);
      expect(answer.ranking?.rows.map((r) => [r.authority.shortName, r.rate])).toEqual([
        ["Sefton", 81],
        ["Stockport", 59],
        ["Bromsgrove", 40],
        ["Bury", 40],
      ]);
    },
  },
  {
    ask: "lowest compliance",
    proves: "lowest compliance lists the four councils with statistics, every one at 100%",
    kind: "ranking",
    says: ["Lowest compliance rate among councils, 2020", "lowest first"],
    never: ["Bath and North East Somerset"],
    check: (answer) => {
      expect(answer.ranking).toMatchObject({ measure: "compliance", order: "lowest", total: 4 });
      expect(answer.ranking?.rows.map((r) => r.rate)).toEqual([100, 100, 100, 100]);
    },
  },
  {
    ask: "top 2 upheld",
    proves: "the top 2 by upheld rate are Sefton and Stockport, with 2 more left off",
    kind: "ranking",
    says: ["2 of 4 councils with a 2020 upheld rate, highest first.", "… and 2 more"],
    check: (answer) => {
      expect(names(answer.ranking?.rows ?? [])).toEqual(["Sefton", "Stockport"]);
      expect(answer.ranking?.total).toBe(4);
    },
  },
  {
    ask: "which metropolitan boroughs are above average on upheld?",
    proves: "Sefton is the one metropolitan borough of 3 above its average on upheld",
    kind: "ranking",
    says: [
      "Metropolitan boroughs with an upheld rate above their similar-authority average, 2020",
      "1 of the 3 metropolitan boroughs with a 2020 upheld rate is above their similar-authority average.",
    ],
    check: (answer) => {
      expect(answer.ranking).toMatchObject({
        type: "metropolitan_borough",
        comparison: { op: "above", value: 0, of: "average" },
        total: 1,
      });
      expect(answer.ranking?.rows.map((r) => [r.authority.shortName, r.rate, r.average])).toEqual([
        ["Sefton", 81, 67],
      ]);
    },
  },
  {
    ask: "which metropolitan boroughs are below average on remedy?",
    proves: "Bury and Stockport are the metropolitan boroughs below the 11% remedy average",
    kind: "ranking",
    says: [
      "2 of the 3 metropolitan boroughs with a 2020 remedy rate are below their similar-authority average, lowest first.",
    ],
    check: (answer) => {
      expect(answer.ranking).toMatchObject({
        comparison: { op: "below", value: 0, of: "average" },
        order: "lowest",
        total: 2,
      });
      expect(names(answer.ranking?.rows ?? [])).toEqual(["Bury", "Stockport"]);
    },
  },
  {
    ask: "districts ranked by remedy",
    proves: "Bromsgrove is the only district, its remedy rate resting on fewer than 10 cases",
    kind: "ranking",
    says: [
      "The only district council with a 2020 remedy rate.",
      "Fewer than 10 upheld complaints: Bromsgrove (2); one case moves such a rate by 10 points or more.",
    ],
    check: (answer) => {
      expect(answer.ranking).toMatchObject({ type: "district", measure: "remedy", total: 1 });
      expect(answer.ranking?.rows.map((r) => [r.authority.shortName, r.rate, r.average])).toEqual([
        ["Bromsgrove", 0, 20],
      ]);
    },
  },
  {
    ask: "best upheld rate",
    proves: "the best upheld rate is the lowest, so Bromsgrove and Bury come first and Sefton last",
    kind: "ranking",
    says: ["Lowest upheld rate among councils, 2020", "lower is better, so the best come first"],
    check: (answer) =>
      expect(names(answer.ranking?.rows ?? [])).toEqual(["Bromsgrove", "Bury", "Stockport", "Sefton"]),
  },

  // --- What the bot holds ----------------------------------------------------------------------------------------
  {
    ask: "what do you hold?",
    proves: "the bot holds 5 letters for 5 councils in 2020, and Bury and Sefton had concerns",
    kind: "holdings",
    says: [
      "5 letters for 5 councils, year 2020.",
      "Councils: Bath and North East Somerset, Bromsgrove, Bury, Sefton and Stockport.",
      "Councils with concerns in the latest letters: Bury, Sefton",
    ],
    check: (answer) => {
      expect(answer.holdings).toMatchObject({
        letters: 5,
        councils: 5,
        years: [2020],
        withConcerns: ["Bury", "Sefton"],
      });
      expect(new Map(answer.holdings?.byType.map((t) => [t.type, t.councils]))).toEqual(
        new Map([
          ["unitary", 1],
          ["district", 1],
          ["metropolitan_borough", 3],
        ]),
      );
    },
  },
  {
    ask: "which councils do you have letters for?",
    proves: "the councils with letters are the five samples",
    kind: "holdings",
    says: ["Councils: Bath and North East Somerset, Bromsgrove, Bury, Sefton and Stockport."],
    check: (answer) => expect(answer.holdings?.councils).toBe(5),
  },
  // "list" and "all" otherwise read as a ranking, and "new" begins New Forest's name.
  ...["list councils", "show me all the letters", "what's new?", "latest letters"].map(
    (ask): Case => ({
      ask,
      proves: `“${ask}” asks what the bot holds, not for a ranking or a council called “New”`,
      kind: "holdings",
      says: ["Councils: Bath and North East Somerset, Bromsgrove, Bury, Sefton and Stockport."],
      never: ["New Forest"],
      check: (answer) => expect(answer.question.councils).toEqual([]),
    }),
  ),
  // Officers write councils as they abbreviate them: "Bucks" is Buckinghamshire, "N Yorks" is never York, and "S Glos"
  // is South Gloucestershire, never Gloucestershire.
  ...(
    [
      ["Bucks", "Buckinghamshire"],
      ["N Yorks", "North Yorkshire"],
      ["north yorks", "North Yorkshire"],
      ["W&F", "Westmorland and Furness"],
      ["S Glos", "South Gloucestershire"],
      ["NW Leics", "North West Leicestershire"],
      ["E Herts", "East Hertfordshire"],
      ["NE Lincs", "North East Lincolnshire"],
      ["W Sussex", "West Sussex"],
      ["IOW", "Isle of Wight"],
      ["City of London", "City of London"],
      ["Sutton LBC", "Sutton"],
      ["Brum", "Birmingham"],
      ["manc", "Manchester"],
    ] as const
  ).map(
    ([ask, council]): Case => ({
      ask,
      proves: `“${ask}” is ${council}`,
      kind: "no_letter",
      says: [`I know ${council} but hold no annual review letter for it yet.`],
      never: ["Did you mean", "York but", "I don't know a council"],
      check: (answer) => expect(answer.question.councils.map((c) => c.shortName)).toEqual([council]),
    }),
  ),
  ...(
    [
      ["Yorks", "North Yorkshire Council, East Riding of Yorkshire Council or City of York Council"],
      [
        "Berks",
        "Bracknell Forest Council, Reading Borough Council, Slough Borough Council, West Berkshire Council, Royal Borough of Windsor and Maidenhead or Wokingham Borough Council",
      ],
    ] as const
  ).map(
    ([ask, councils]): Case => ({
      ask,
      proves: `“${ask}” is an area of several councils, offered to choose from, never a near spelling of one`,
      kind: "ambiguous",
      says: [councils],
      never: ["Did you mean"],
    }),
  ),
  {
    ask: "Sefton 2020 overview",
    proves:
      "the words of a request for a letter (“overview”, “breakdown”, “stats”) are not taken for a council's name",
    kind: "summary",
    says: ["Sefton Metropolitan Borough Council: 2020 annual review letter"],
    never: ["I don't know a council"],
    check: (answer) => expect(answer.question.unknown).toEqual([]),
  },
  {
    ask: "any concerns for Sefton?",
    proves: "a letter's praise is said as praise, after its concerns, never listed as if it were one",
    kind: "concerns",
    says: [
      "The 2020 letter to Sefton raises: over a third of enquiries not answered within the requested time;",
      "It praises: remedies completed within the agreed timescales more often than before; complaint handling training delivered to the council's staff.",
    ],
  },
  {
    ask: "did Bury get a public report?",
    proves: "a subject the letter does not raise is said in plain words",
    kind: "concerns",
    says: ["The 2020 letter to Bury raises no public report."],
    never: ["no a public report"],
  },
  {
    ask: "summarise Bury for the scrutiny committee",
    proves:
      "the words of an officer's errand (scrutiny, committee, cabinet, chief exec) are not taken for councils",
    kind: "summary",
    says: ["Bury Metropolitan Borough Council: 2020 annual review letter"],
    never: ["I don't know a council"],
  },
  {
    ask: "new concerns for Bury?",
    proves:
      "an everyday word that begins a council's name (“new”, “great”, “mid”) names no council on its own",
    kind: "concerns",
    says: ["The 2020 letter to Bury: remedies not completed within the agreed timescales in two cases."],
    never: ["New Forest"],
    check: (answer) => expect(answer.question.councils.map((c) => c.shortName)).toEqual(["Bury"]),
  },
  {
    ask: "how many complaints did Sefton have upheld?",
    proves: "“how many” about one council leads with the letter's count, then its rate",
    kind: "metric",
    says: [
      "Sefton's 2020 letter gives 13 upheld decisions, from 16 investigations.",
      "Complaints upheld: 81%",
    ],
  },
  {
    ask: "how many complaints were upheld against Sefton?",
    proves: "complaints upheld “against” a council are about that council, not a comparison with others",
    kind: "metric",
    says: ["Sefton's 2020 letter gives 13 upheld decisions, from 16 investigations."],
  },
  {
    ask: "how many satisfactory remedy decisions did Bury have?",
    proves: "the remedy count is given with the upheld complaints it is a share of",
    kind: "metric",
    says: ["Bury's 2020 letter gives 0 satisfactory remedy decisions, from 6 upheld complaints."],
  },
  {
    ask: "which years do you hold?",
    proves: "the one year held is 2020",
    kind: "holdings",
    says: ["year 2020"],
    check: (answer) => expect(answer.holdings?.years).toEqual([2020]),
  },

  // --- Change over the years, with one year held -----------------------------------------------------------------
  {
    ask: "how has Sefton changed over the years?",
    proves: "with one year held, Sefton's trend says there is no change to show yet",
    kind: "trend",
    says: ["I hold only the 2020 letter for Sefton, so there is no change to show yet.", "81%"],
    check: (answer) =>
      expect(answer.trend?.points.map((p) => [p.year, p.upheld, p.compliance, p.remedy])).toEqual([
        [2020, 81, 100, 23],
      ]),
  },
  {
    ask: "what changed for Sefton since last year?",
    proves:
      "“since last year” is from last year's letter on, and says so rather than naming a range it has not got",
    kind: "trend",
    says: ["I hold only the 2020 letter for Sefton, so there is no change to show yet."],
    check: (answer) => {
      expect(answer.question.filters.years).toEqual({ from: 2025, to: null });
      expect(answer.title).toBe("Sefton since 2025");
    },
  },
  {
    ask: "Bury trend",
    proves: "with one year held, Bury's trend says so too",
    kind: "trend",
    says: ["I hold only the 2020 letter for Bury, so there is no change to show yet."],
    check: (answer) => expect(answer.trend?.points.map((p) => p.year)).toEqual([2020]),
  },

  // --- What a rate means -----------------------------------------------------------------------------------------
  ...(
    [
      ["what's a witness summons?", "What “witness summons” means", "formal legal order"],
      ["what is a public report", "What “public report” means", "in the public interest"],
      ["what does 'not for us' mean?", "What “not for us” means", "could not look at"],
      ["what does assessed and closed mean", "What “assessed and closed” means", "without investigating"],
    ] as const
  ).map(
    ([ask, title, words]): Case => ({
      ask,
      proves: `“${ask}” asks what the term means, not who had one`,
      kind: "meaning",
      says: [title, words],
      check: (answer) => expect(answer.concerns).toEqual([]),
    }),
  ),
  {
    ask: "who had witness summonses?",
    proves: "who had a witness summons asks for the councils, not the meaning",
    kind: "concerns",
    says: ["Councils with a witness summons"],
  },
  {
    ask: "what does compliance mean?",
    proves: "compliance is the share of cases where the council carried out the recommendations",
    kind: "meaning",
    says: [
      "What “compliance with recommendations” means",
      "satisfied the council had carried out the recommendations",
    ],
    check: (answer) => {
      expect(answer.question.filters.measure).toBe("compliance");
      expect(answer.councils).toEqual([]);
    },
  },
  {
    ask: "define upheld",
    proves: "upheld means the Ombudsman found fault",
    kind: "meaning",
    says: ["What “complaints upheld” means", "found some fault", "lower is better"],
    check: (answer) => expect(answer.question.filters.measure).toBe("upheld"),
  },
  {
    ask: "what does satisfactory remedy mean?",
    proves: "a satisfactory remedy is one the council offered before the complaint reached the Ombudsman",
    kind: "meaning",
    says: ["before the complaint reached the Ombudsman"],
    check: (answer) => expect(answer.question.filters.measure).toBe("remedy"),
  },

  // --- Help, and anything else -----------------------------------------------------------------------------------
  {
    ask: "help",
    proves: "help lists questions to ask",
    kind: "help",
    says: ["What you can ask", "• what's Bury's upheld rate?", "Sefton 2020"],
  },
  {
    ask: "help",
    proves: "help names the digest's sub-commands",
    kind: "help",
    says: [
      "The weekly digest:",
      "• digest on [councils…] [day] [HH:MM] [quiet]",
      "• digest off",
      "• digest status",
    ],
  },
  {
    ask: "digest on",
    proves:
      "“digest on” reaching the answers layer says how the digest is set up, not “I don't know a council called digest”",
    kind: "digest",
    says: ["The weekly digest", "• digest preview"],
    never: ["I don't know a council"],
    check: (answer) => expect(answer.question.unknown).toEqual([]),
  },
  {
    ask: "what can you do?",
    proves: "“what can you do?” is help",
    kind: "help",
    says: ["• compare Bury and Sefton"],
  },
  {
    ask: "",
    proves: "an empty message is help",
    kind: "help",
    says: ["What you can ask"],
  },
  {
    ask: "what's the weather like?",
    proves: "the weather gets a short answer with examples, not an error",
    kind: "unclear",
    says: ["I'm not sure what you're asking", "Try: “Bromsgrove”"],
    never: ["Bath and North East Somerset"],
    check: (answer) => {
      expect(answer.lines.length).toBeLessThanOrEqual(2);
      expect(answer.suggestions.length).toBeGreaterThanOrEqual(3);
      expect(answer.councils).toEqual([]);
    },
  },
  {
    ask: "tell me a joke",
    proves: "a joke request gets the same short answer with examples",
    kind: "unclear",
    says: ["Try:"],
  },

  // --- Typos, ambiguity, unknown names ---------------------------------------------------------------------------
  {
    ask: "Seftn",
    proves: "“Seftn” is answered for Sefton with a “did you mean”",
    kind: "summary",
    says: ["Did you mean Sefton? I read “Seftn” as Sefton Metropolitan Borough Council.", "81%"],
    check: (answer) => {
      expect(answer.question.councils).toMatchObject([{ shortName: "Sefton", typo: true }]);
      expectRate(answer, "Sefton", "upheld");
    },
  },
  {
    ask: "Stockprt",
    proves: "“Stockprt” is answered for Stockport with a “did you mean”",
    kind: "summary",
    says: ["Did you mean Stockport?", "59%"],
    check: (answer) => expectRate(answer, "Stockport", "upheld"),
  },
  {
    ask: "Sefon upheld",
    proves: "a typo in a one-rate question still gives Sefton's upheld rate, with a “did you mean”",
    kind: "metric",
    says: ["Did you mean Sefton?", "Complaints upheld: 81%"],
    check: (answer) => expectRate(answer, "Sefton", "upheld"),
  },
  {
    ask: "Somerset",
    proves: "“Somerset” lists the councils it could be instead of guessing",
    kind: "ambiguous",
    says: ["Which council do you mean?", "could be Somerset Council or Somerset County Council: say which."],
    never: [/\d+%/],
    check: (answer) => {
      expect(answer.question.ambiguous[0]?.candidates).toEqual(
        expect.arrayContaining(["Somerset Council", "Somerset County Council"]),
      );
      expect(answer.councils).toEqual([]);
    },
  },
  {
    ask: "somerset upheld",
    proves: "an ambiguous name in a rate question still asks which council, with no figure",
    kind: "ambiguous",
    says: ["could be Somerset Council or Somerset County Council"],
    never: [/\d+%/],
  },
  {
    ask: "Cornwall",
    proves: "Cornwall is a council the bot knows but holds no letter for",
    kind: "no_letter",
    says: ["No letter held for Cornwall", "I know Cornwall but hold no annual review letter for it yet."],
    never: [/\d+%/],
    check: (answer) => expect(answer.question.councils.map((c) => c.name)).toEqual(["Cornwall Council"]),
  },
  {
    ask: "Cornwall upheld rate",
    proves: "asking Cornwall's rate says there is no letter, with no figure",
    kind: "no_letter",
    says: ["I know Cornwall but hold no annual review letter for it yet."],
    never: [/\d+%/],
  },
  {
    ask: "Atlantis",
    proves: "Atlantis is not a council at all, which is not the same answer as Cornwall's",
    kind: "unknown_council",
    says: ["I don't know that council", "I don't know a council called “Atlantis”; did you mean"],
    never: ["I know Atlantis", "atlantis"],
    check: (answer) => {
      expect(answer.question.councils).toEqual([]);
      expect(answer.question.unknown.map((u) => u.words)).toEqual(["Atlantis"]);
      // The nearest names by edit distance are said; what to ask next is only what the bot holds (none of them is).
      expect(answer.question.unknown[0]?.nearest.length).toBe(3);
      for (const name of answer.question.unknown[0]?.nearest ?? [])
        expect(answer.suggestions).not.toContain(name);
      expect(answer.suggestions[0]).toBe("Bromsgrove");
    },
  },

  // --- Years -----------------------------------------------------------------------------------------------------
  {
    ask: "Sefton 2020",
    proves: "“Sefton 2020” is Sefton's 2020 letter",
    kind: "summary",
    says: ["Sefton Metropolitan Borough Council: 2020 annual review letter", "81%"],
    check: (answer) => {
      expect(answer.question.filters.years).toEqual({ from: 2020, to: 2020 });
      expect(councilIn(answer, "Sefton").source.year).toBe(2020);
    },
  },
  {
    ask: "Sefton 2019",
    proves: "there is no 2019 letter for Sefton, and the answer names the year there is",
    kind: "no_letter",
    says: ["No letter held for Sefton in 2019", "I hold no 2019 letter for Sefton; I have 2020."],
    never: [/\d+%/],
  },
  {
    ask: "Bury 2020 upheld",
    proves: "a year inside a rate question is Bury's 2020 upheld rate",
    kind: "metric",
    says: ["Bury: complaints upheld, 2020", "40%"],
    check: (answer) => expectRate(answer, "Bury", "upheld"),
  },

  // --- The letter without statistics -----------------------------------------------------------------------------
  {
    ask: "Bath and North East Somerset",
    proves: "Bath and North East Somerset's letter gives no statistics, and the answer invents none",
    kind: "summary",
    says: [
      "Bath and North East Somerset Council: 2020 annual review letter",
      "The 2020 letter to Bath and North East Somerset gives no complaint statistics.",
    ],
    never: [/\d+%/, "avg"],
    check: (answer) => {
      expect(councilIn(answer, "Bath and North East Somerset")).toMatchObject({
        noStatistics: true,
        rates: [],
      });
      expect(answer.question.ambiguous).toEqual([]);
    },
  },
  {
    ask: "BANES",
    proves: "“BANES” is Bath and North East Somerset, with no statistics and none invented",
    kind: "summary",
    says: ["gives no complaint statistics"],
    never: [/\d+%/],
    check: (answer) => expect(councilIn(answer, "Bath and North East Somerset").noStatistics).toBe(true),
  },
  {
    ask: "BANES compliance",
    proves: "Bath and North East Somerset's compliance rate is not given, so none is shown",
    kind: "metric",
    says: ["gives no complaint statistics"],
    never: [/\d+%/],
    check: (answer) => expect(councilIn(answer, "Bath and North East Somerset").rates).toEqual([]),
  },
  {
    ask: "how does Bath and North East Somerset compare with similar councils?",
    proves: "with no statistics there is nothing to compare, and the answer says so",
    kind: "similar",
    says: ["gives no complaint statistics to compare"],
    never: [/\d+%/, "rank is among"],
  },

  // --- Small numbers ---------------------------------------------------------------------------------------------
  {
    ask: "Bromsgrove upheld",
    proves: "Bromsgrove's upheld rate rests on 5 investigations: one case moves it by 20 points",
    kind: "metric",
    says: [
      "Complaints upheld: 40%, 5 points below the similar-authority average of 45%.",
      "Bromsgrove's complaints upheld rate is based on 5 investigations: one case moves it by 20 points.",
    ],
    check: (answer) => {
      expectRate(answer, "Bromsgrove", "upheld", { base: 5, difference: -5 });
      expect(answer.notes).toContainEqual({
        code: "small_base",
        text: "Bromsgrove's complaints upheld rate is based on 5 investigations: one case moves it by 20 points.",
      });
    },
  },
];

/** Every figure an answer shows for a council or in a ranking is the one its letter gives. */
function expectOnlyLetterFigures(answer: Answer): void {
  for (const council of answer.councils) {
    const name = council.authority.shortName;
    if (!(name in FIGURES)) {
      expect(council.rates, `${name} has no statistics`).toEqual([]);
      continue;
    }
    for (const fact of council.rates) {
      const { rate, average } = figure(name as Rated, fact.metric);
      const difference = rate - average;
      expect(fact, `${name} ${fact.metric}`).toMatchObject({
        rate,
        average,
        difference,
        position: difference > 0 ? "above" : difference < 0 ? "below" : "level",
      });
    }
  }
  const ranking = answer.ranking;
  for (const row of ranking?.rows ?? []) {
    if (!ranking) break;
    const name = row.authority.shortName as Rated;
    expect({ rate: row.rate, average: row.average }).toEqual(figure(name, ranking.measure as Metric));
  }
}

describe("questions over the five sample letters of 2020", () => {
  it("has at least 40 questions", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  for (const c of CASES) {
    it(`${JSON.stringify(c.ask)}: ${c.proves}`, () => {
      const { answer, text } = answerTo(c.ask);
      expect(Answer.safeParse(answer).success).toBe(true);
      expect(answer.kind).toBe(c.kind);
      expectOnlyLetterFigures(answer);
      const words = flat(text);
      for (const said of c.says) {
        if (typeof said === "string") expect(words).toContain(flat(said));
        else expect(words).toMatch(said);
      }
      for (const unsaid of c.never ?? []) {
        if (typeof unsaid === "string") expect(words).not.toContain(unsaid);
        else expect(words).not.toMatch(unsaid);
      }
      c.check?.(answer);
    });
  }

  it("covers every kind of answer", () => {
    const kinds = new Set(CASES.map((c) => c.kind));
    expect([...Answer.shape.kind.options].filter((k) => !kinds.has(k))).toEqual([]);
  });
});

describe("the questions the bot suggests", () => {
  /** Answers that are not about the letters: a suggestion must never lead to one of these. */
  const NOT_UNDERSTOOD = ["unclear", "unknown_council", "ambiguous"];

  it("every example in help gets an answer from the letters held", () => {
    for (const example of EXAMPLES) {
      expect([...NOT_UNDERSTOOD, "no_letter"], example).not.toContain(answerTo(example).answer.kind);
    }
  });

  it("every question an answer suggests next is understood, a candidate for an ambiguous name included", () => {
    for (const c of CASES) {
      for (const suggestion of answerTo(c.ask).answer.suggestions) {
        expect(NOT_UNDERSTOOD, `${c.ask} → ${suggestion}`).not.toContain(answerTo(suggestion).answer.kind);
      }
    }
  });

  it("the candidates for “Somerset” are each one council when asked by their full name", () => {
    expect(answerTo("Somerset Council").answer.question.councils.map((c) => c.name)).toEqual([
      "Somerset Council",
    ]);
    expect(answerTo("Somerset County Council").answer.question.councils.map((c) => c.name)).toEqual([
      "Somerset County Council",
    ]);
  });
});

describe("one council's concerns over a range of years", () => {
  it("“Sefton concerns since 2020” gives each letter's, newest first, not the latest alone", () => {
    const { answer } = answerTo("Sefton concerns since 2020", twoYears);
    expect(answer.kind).toBe("concerns");
    expect(answer.title).toBe("Sefton: concerns and praise, 2020 to 2021");
    expect(answer.lines.map((l) => l.slice(0, 26))).toEqual([
      "The 2021 letter to Sefton ",
      "The 2020 letter to Sefton ",
    ]);
    expect(new Set(answer.concerns.map((c) => c.year))).toEqual(new Set([2020, 2021]));
  });
});

describe("“the previous letter”", () => {
  it("“Sefton's previous letter” is the one before the latest held", () => {
    const { answer } = answerTo("Sefton's previous letter", twoYears);
    expect(answer.kind).toBe("summary");
    expect(answer.councils.map((c) => c.source.year)).toEqual([2020]);
  });

  it("“Sefton's latest letter, not the previous one” is still the latest", () => {
    const { answer } = answerTo("Sefton's latest letter, not the previous one", twoYears);
    expect(answer.councils.map((c) => c.source.year)).toEqual([2021]);
  });

  it("with one letter held, it is that letter, and the answer says there is no earlier one", () => {
    const { answer, text } = answerTo("Sefton's previous letter");
    expect(answer.councils.map((c) => c.source.year)).toEqual([2020]);
    expect(text.replace(/\s+/g, " ")).toContain(
      "I hold only the 2020 letter for Sefton, so there is no earlier one: this is that letter.",
    );
  });
});

describe("two years of Sefton letters", () => {
  it("“how has Sefton changed over the years?” shows both years and the change in each rate", () => {
    const { answer, text } = answerTo("how has Sefton changed over the years?", twoYears);
    expect(answer.kind).toBe("trend");
    expect(answer.trend?.points.map((p) => [p.year, p.upheld, p.compliance, p.remedy])).toEqual([
      [2020, 81, 100, 23],
      [2021, SEFTON_2021.upheld[0], SEFTON_2021.compliance[0], SEFTON_2021.remedy[0]],
    ]);
    const words = flat(text);
    expect(words).toContain("Complaints upheld: 81% in 2020 to 75% in 2021 (down 6 points, better).");
    expect(words).toContain("Compliance with recommendations: 100% in 2020 to 100% in 2021 (no change).");
    expect(words).toContain("Satisfactory remedy: 23% in 2020 to 17% in 2021 (down 6 points, worse).");
    expect(text).toMatch(/2020 +81% +100% +23%/);
    expect(text).toMatch(/2021 +75% +100% +17%/);
  });

  it("“Sefton upheld trend” shows the change in the upheld rate only", () => {
    const { answer, text } = answerTo("Sefton upheld trend", twoYears);
    expect(answer.kind).toBe("trend");
    expect(answer.lines).toEqual(["Complaints upheld: 81% in 2020 to 75% in 2021 (down 6 points, better)."]);
    expect(text).not.toContain("Satisfactory remedy:");
  });

  it("“Sefton” is now the 2021 letter: 75% upheld, 5 points above the 70% average", () => {
    const { answer, text } = answerTo("Sefton", twoYears);
    expect(answer.kind).toBe("summary");
    expect(rateIn(answer, "Sefton", "upheld")).toMatchObject({
      rate: 75,
      average: 70,
      difference: 5,
      position: "above",
    });
    expect(councilIn(answer, "Sefton").source.year).toBe(2021);
    expect(flat(text)).toContain(
      "Complaints upheld: 75%, 5 points above the similar-authority average of 70%.",
    );
    expect(answer.suggestions).toContain("how has Sefton changed over the years?");
  });

  it("“Sefton 2020” is still the 2020 letter, ranked among the 2020 metropolitan boroughs", () => {
    const { answer } = answerTo("Sefton 2020", twoYears);
    expect(councilIn(answer, "Sefton").source.year).toBe(2020);
    expect(rateIn(answer, "Sefton", "upheld")).toMatchObject({
      rate: 81,
      rank: { position: 1, of: 3, tied: 1 },
    });
  });

  it("“Sefton 2019” names both years held", () => {
    const { answer, text } = answerTo("Sefton 2019", twoYears);
    expect(answer.kind).toBe("no_letter");
    expect(text).toContain("I hold no 2019 letter for Sefton; I have 2021 and 2020.");
  });

  it("“what do you hold?” counts 6 letters for 5 councils over 2020 and 2021", () => {
    const { answer, text } = answerTo("what do you hold?", twoYears);
    expect(answer.holdings).toMatchObject({ letters: 6, councils: 5, years: [2020, 2021] });
    expect(text).toContain("6 letters for 5 councils, years 2020 to 2021.");
  });
});
