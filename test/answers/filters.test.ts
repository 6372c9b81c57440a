import { describe, expect, it } from "vitest";
import { type Answer, ask, type Measure, type NoteCode } from "../../src/answers/index.ts";
import type { AuthorityType } from "../../src/authorities/index.ts";
import { renderAnswer } from "../../src/cli/answer.ts";
import type { ConcernCategory } from "../../src/letters/index.ts";
import { store } from "./store.ts";
import { authorities, NOW } from "./support.ts";

/**
 * Questions as officers type them, over a generated store of 2022–2024 letters of every kind of council (and the
 * five samples of 2020): each case asserts the `Answer` data (its kind, the filters it applied, the councils and
 * figures in order with their places, the notes by code), not the wording, so the table proves what was understood
 * and computed. The store's figures are in store.ts.
 */

interface Case {
  ask: string;
  proves: string;
  kind: Answer["kind"];
  /** The filters applied, as far as given. */
  applied?: {
    measure?: Measure | null;
    type?: AuthorityType | null;
    year?: number | null;
    from?: number;
    to?: number | null;
    op?: "above" | "at_least" | "below" | "at_most" | "equal" | "between";
    value?: number;
    of?: "rate" | "average";
    order?: "highest" | "lowest" | null;
    limit?: number | null;
    count?: boolean;
  };
  /** The ranking's rows in order, as "place. Name figure" ("=3. Ashford 80"). */
  rows?: string[];
  /** How many qualified before the list was cut. */
  total?: number;
  /** The councils whose letters the answer gives facts for, in order, as "Name year". */
  councils?: string[];
  category?: ConcernCategory | null;
  /** Note codes the answer must carry. */
  notes?: NoteCode[];
  /** Note codes it must not. */
  noNotes?: NoteCode[];
  /** Text the rendered answer must contain. */
  says?: (string | RegExp)[];
  never?: (string | RegExp)[];
  check?: (answer: Answer) => void;
}

const UPHELD_2024 = [
  "1. Hackney 90",
  "2. Sefton 88",
  "=3. Ashford 80",
  "=3. Camden 80",
  "=3. Kent 80",
  "=3. Wigan 80",
  "7. Bromsgrove 75",
  "8. Essex 70",
  "=9. Bury 60",
  "=9. Stockport 60",
];

const CASES: Case[] = [
  // --- The examples ------------------------------------------------------------------------------------
  {
    ask: "worst council?",
    proves: "the worst council is the highest upheld rate: the direction follows the measure, not the word",
    kind: "ranking",
    applied: { measure: "upheld", order: "highest", year: 2024 },
    rows: UPHELD_2024,
  },
  {
    ask: "who is the best council?",
    proves: "the best council is the lowest upheld rate, ties sharing first place",
    kind: "ranking",
    applied: { measure: "upheld", order: "lowest" },
    rows: ["=1. Cherwell 50", "=1. Sutton 50", "=3. Bury 60", "=3. Stockport 60", "5. Essex 70"],
  },
  {
    ask: "compare Bury and Narnia",
    proves: "Bury is answered and Narnia is explained, with the nearest names, in the asker's spelling",
    kind: "similar",
    councils: ["Bury 2024"],
    notes: ["unknown_council"],
    says: ["I don't know a council called “Narnia”; did you mean"],
    check: (answer) => expect(answer.question.unknown.map((u) => u.words)).toEqual(["Narnia"]),
  },
  {
    ask: "which councils are under full compliance?",
    proves: "under full compliance is below 100%, lowest first",
    kind: "ranking",
    applied: { measure: "compliance", op: "below", value: 100, of: "rate", order: "lowest" },
    rows: ["1. Bromsgrove 80", "2. Sefton 90", "3. Wigan 95", "=4. Hackney 97", "=4. Kent 97"],
    total: 5,
    notes: ["not_calculable_left_out"],
  },
  {
    ask: "which councils have an upheld rate above 85%?",
    proves: "a threshold on the rate lists only the councils over it",
    kind: "ranking",
    applied: { op: "above", value: 85, of: "rate" },
    rows: ["1. Hackney 90", "2. Sefton 88"],
    total: 2,
  },
  {
    ask: "which metropolitan boroughs are below average?",
    proves: "a type filter keeps to its type: no district among metropolitan boroughs below their average",
    kind: "ranking",
    applied: { measure: "upheld", type: "metropolitan_borough", op: "below", value: 0, of: "average" },
    rows: ["=1. Bury 60", "=1. Stockport 60"],
    never: ["Ashford", "Bromsgrove", "Cherwell"],
  },
  {
    ask: "public interest report",
    proves: "LGSCO's own words name the public report category",
    kind: "concerns",
    category: "public_report",
  },
  {
    ask: "which councils had a public interest report in 2020?",
    proves: "a public interest report asked for a year looks in that year's letters",
    kind: "concerns",
    category: "public_report",
    applied: { year: 2020 },
  },
  {
    ask: "who had a witness summons since 2020?",
    proves:
      "a range of years looks in the letters of every year of it, not only its last: Sefton's 2020 letter",
    kind: "concerns",
    category: "witness_summons",
    applied: { from: 2020, to: 2024 },
    says: ["Councils with a witness summons, 2020 to 2024", "Sefton (2020)"],
    check: (answer) =>
      expect(answer.concerns.map((c) => `${c.authority.shortName} ${c.year}`)).toEqual(["Sefton 2020"]),
  },
  {
    ask: "which councils had late remedies between 2020 and 2024?",
    proves: "late remedies over a range are Bury's, in its 2020 letter, named with that year",
    kind: "concerns",
    category: "remedy_delays",
    says: ["Bury (2020)"],
    check: (answer) => expect(answer.concerns.map((c) => c.authority.shortName)).toEqual(["Bury"]),
  },
  {
    ask: "who took too long to reply to the ombudsman?",
    proves:
      "a concern in everyday words (too long to reply) is slow enquiry responses, and no word is taken for a council",
    kind: "concerns",
    category: "slow_enquiry_responses",
    noNotes: ["unknown_council"],
  },
  {
    ask: "who was slow answering the ombudsman's enquiries in 2020?",
    proves: "slow answers to enquiries in 2020 are Sefton's",
    kind: "concerns",
    category: "slow_enquiry_responses",
    check: (answer) => expect(answer.concerns.map((c) => c.authority.shortName)).toEqual(["Sefton"]),
  },
  {
    ask: "who was late putting things right in 2020?",
    proves: "late putting things right is late remedies: Bury's, in 2020",
    kind: "concerns",
    category: "remedy_delays",
    check: (answer) => expect(answer.concerns.map((c) => c.authority.shortName)).toEqual(["Bury"]),
  },
  {
    ask: "all London boroughs side by side",
    proves: "all London boroughs side by side shows each of them on every rate",
    kind: "side_by_side",
    councils: ["Camden 2024", "Hackney 2024", "Sutton 2024"],
    check: (answer) => {
      expect(answer.councils.every((c) => c.rates.length === 3)).toBe(true);
      expect(answer.councils.map((c) => c.perResidents?.value)).toEqual([8, 9.9, 3]);
    },
  },
  {
    ask: "which districts have the lowest upheld rate?",
    proves: "a rate over zero cases is left out of a ranking, with a note naming the council",
    kind: "ranking",
    rows: ["1. Cherwell 50", "2. Bromsgrove 75", "3. Ashford 80"],
    notes: ["not_calculable_left_out"],
    says: ["Left out: Dacorum, whose 2024 upheld rate is not calculable"],
    check: (answer) => expect(answer.ranking?.notCalculable.map((a) => a.shortName)).toEqual(["Dacorum"]),
  },
  {
    ask: "Dacorum",
    proves: "a council with no investigations is 'not calculable', never 0%",
    kind: "summary",
    notes: ["no_cases"],
    says: ["Complaints upheld: not calculable, as there were no investigations in 2024."],
    never: [/Complaints upheld: 0%/],
    check: (answer) =>
      expect(answer.councils[0]?.rates[0]).toMatchObject({ rate: null, noCases: true, rank: null }),
  },
  {
    ask: "Bury trend",
    proves: "a trend through a year with no investigations skips it and says so",
    kind: "trend",
    notes: ["no_cases"],
    says: [
      "Complaints upheld: 40% in 2020 to 60% in 2024 (up 20 points, worse; year to year: +10 in 2022, +10 in 2024).",
    ],
    check: (answer) => {
      expect(answer.trend?.points.map((p) => [p.year, p.upheld])).toEqual([
        [2020, 40],
        [2022, 50],
        [2023, null],
        [2024, 60],
      ]);
      expect(answer.trend?.points.find((p) => p.year === 2023)?.noCases).toEqual(["upheld", "remedy"]);
      expect(answer.trend?.changes.find((c) => c.measure === "upheld")).toMatchObject({
        from: { year: 2020, value: 40 },
        to: { year: 2024, value: 60 },
        change: 20,
        better: false,
        skipped: [2023],
      });
    },
  },
  {
    ask: "which councils have the highest upheld rate in 2024?",
    proves: "ties are shown as ties: =3. four times, then 7.",
    kind: "ranking",
    rows: UPHELD_2024,
    says: [/=3\. Ashford/, /=9\. Stockport/],
  },
  {
    ask: "digest status",
    proves: "a digest sub-command is not a council's name",
    kind: "digest",
    noNotes: ["unknown_council"],
  },
  {
    ask: "which districts had an upheld rate over 70% in 2024?",
    proves: "districts over 70% in 2024 are Ashford and Bromsgrove, and the small base is named",
    kind: "ranking",
    applied: { measure: "upheld", type: "district", year: 2024, op: "above", value: 70, of: "rate" },
    rows: ["1. Ashford 80", "2. Bromsgrove 75"],
    notes: ["small_base", "not_calculable_left_out"],
    says: ["Fewer than 10 investigations: Bromsgrove (4)"],
  },
  {
    ask: "how many met boroughs are below 100% on compliance?",
    proves: "counting: 2 of the 4 metropolitan boroughs are below 100% on compliance",
    kind: "ranking",
    applied: { measure: "compliance", type: "metropolitan_borough", op: "below", value: 100, count: true },
    total: 2,
    rows: ["1. Sefton 90", "2. Wigan 95"],
    says: ["2 of the 4 metropolitan boroughs with a 2024 compliance rate are below 100%."],
  },
  {
    ask: "which county councils had concerns in 2024?",
    proves: "no concern among the county councils says so without 'None of the 0'",
    kind: "concerns",
    applied: { type: "county" },
    says: ["No 2024 letter I hold for county councils raises concerns (2 letters)."],
    never: ["None of the 0", "0 county"],
  },
  {
    ask: "which unitary councils have the highest upheld rate in 2024?",
    proves: "a kind with no letters that year says so, not 'None of the 0'",
    kind: "ranking",
    says: ["I hold no 2024 letters for unitary councils."],
    never: ["None of the 0"],
  },
  // --- Direction by each measure's own sense ---------------------------------------------------------------------
  {
    ask: "worst compliance",
    proves: "the worst compliance rate is the lowest",
    kind: "ranking",
    applied: { measure: "compliance", order: "lowest" },
    rows: ["1. Bromsgrove 80", "2. Sefton 90", "3. Wigan 95", "=4. Hackney 97", "=4. Kent 97"],
  },
  {
    ask: "best remedy",
    proves: "the best remedy rate is the highest",
    kind: "ranking",
    applied: { measure: "remedy", order: "highest" },
    rows: ["1. Bury 33", "=2. Ashford 25", "=2. Camden 25", "=2. Wigan 25", "5. Kent 20"],
  },
  {
    ask: "worst remedy rate among met boroughs",
    proves: "the worst remedy rate among metropolitan boroughs is Stockport's 0%",
    kind: "ranking",
    applied: { type: "metropolitan_borough", order: "lowest" },
    rows: ["1. Stockport 0", "2. Sefton 14", "3. Wigan 25", "4. Bury 33"],
  },
  {
    ask: "which mets have the best compliance?",
    proves: "'mets' are metropolitan boroughs and the best compliance comes first",
    kind: "ranking",
    applied: { type: "metropolitan_borough", measure: "compliance", order: "highest" },
    rows: ["=1. Bury 100", "=1. Stockport 100", "3. Wigan 95", "4. Sefton 90"],
  },
  {
    ask: "lowest upheld decisions per 100,000 residents",
    proves: "the per-100,000 figure ranks by itself, lowest first when asked",
    kind: "ranking",
    applied: { measure: "perResidents", order: "lowest" },
    rows: ["1. Dacorum 0", "2. Essex 1.4", "3. Cherwell 2", "4. Kent 2.5", "5. Sutton 3"],
  },
  ...(
    [
      ["rank upheld mbc", "metropolitan_borough"],
      ["rank compliance met", "metropolitan_borough"],
      ["rank upheld lbc", "london_borough"],
    ] as const
  ).map(
    ([ask, type]): Case => ({
      ask,
      proves: `the abbreviation in “${ask}”, with no council named, is the kind of council`,
      kind: "ranking",
      applied: { type },
    }),
  ),
  {
    ask: "rank per100k",
    proves: "“per100k” written as one word is the per-100,000 figure",
    kind: "ranking",
    applied: { measure: "perResidents" },
  },
  {
    ask: "top 3 per 100k",
    proves: "'top 3' before 'per 100k' is the number of councils, not a share",
    kind: "ranking",
    applied: { measure: "perResidents", order: "highest", limit: 3 },
  },
  {
    ask: "best council per head",
    proves: "the best per head is the fewest upheld decisions per 100,000 residents",
    kind: "ranking",
    applied: { measure: "perResidents", order: "lowest" },
  },
  {
    ask: "which councils are worse than average on compliance?",
    proves: "worse than average on compliance is below the average",
    kind: "ranking",
    applied: { measure: "compliance", op: "below", value: 0, of: "average" },
    rows: ["1. Bromsgrove 80", "2. Sefton 90", "3. Wigan 95", "=4. Hackney 97", "=4. Kent 97"],
  },
  {
    ask: "which councils are better than average on upheld?",
    proves: "better than average on upheld is below the average (lower is better)",
    kind: "ranking",
    applied: { measure: "upheld", op: "below", value: 0, of: "average" },
    check: (answer) => {
      for (const row of answer.ranking?.rows ?? []) expect(row.rate).toBeLessThan(row.average as number);
    },
  },
  // --- Thresholds ----------------------------------------------------------------------------------------------
  {
    ask: "councils with at least 90% compliance",
    proves: "'at least' is a threshold, not a direction",
    kind: "ranking",
    applied: { op: "at_least", value: 90, of: "rate", order: "highest" },
    total: 11,
  },
  {
    ask: "upheld rate of 50% or less",
    proves: "'50% or less' is at most 50%",
    kind: "ranking",
    applied: { op: "at_most", value: 50 },
    rows: ["=1. Cherwell 50", "=1. Sutton 50"],
  },
  {
    ask: "councils with 100% compliance",
    proves: "a rate of exactly 100% lists the councils at 100%",
    kind: "ranking",
    applied: { op: "equal", value: 100 },
    total: 7,
  },
  {
    ask: "which councils have full compliance?",
    proves: "full compliance is 100%",
    kind: "ranking",
    applied: { measure: "compliance", op: "equal", value: 100 },
    total: 7,
  },
  {
    ask: "which councils are more than 10 points above average on upheld?",
    proves: "points above the average are a threshold on the difference",
    kind: "ranking",
    applied: { op: "above", value: 10, of: "average" },
    rows: ["1. Hackney 90", "2. Sefton 88"],
    check: (answer) => expect(answer.ranking?.rows.map((r) => r.difference)).toEqual([12, 13]),
  },
  {
    ask: "which councils are 10 points above average on upheld?",
    proves: "'10 points above' includes exactly 10",
    kind: "ranking",
    applied: { op: "at_least", value: 10, of: "average" },
    rows: ["1. Hackney 90", "2. Sefton 88", "3. Ashford 80"],
  },
  {
    ask: "councils more than 5 points below average on upheld",
    proves: "points below the average are a negative difference",
    kind: "ranking",
    applied: { op: "below", value: -5, of: "average", order: "lowest" },
    check: (answer) => {
      for (const row of answer.ranking?.rows ?? []) expect(row.difference as number).toBeLessThan(-5);
      expect(names(answer)).toContain("Sutton");
    },
  },
  {
    ask: "how many councils have an upheld rate over 100%?",
    proves: "a threshold no council passes says none of them, with the field's size",
    kind: "ranking",
    total: 0,
    says: ["None of the 12 councils with a 2024 upheld rate is over 100%."],
  },
  {
    ask: "london boroughs with more than 8 upheld decisions per 100,000 residents",
    proves: "a threshold on the per-100,000 figure",
    kind: "ranking",
    applied: { measure: "perResidents", type: "london_borough", op: "above", value: 8 },
    rows: ["1. Hackney 9.9"],
  },
  {
    ask: "districts under 60% upheld",
    proves: "'under 60%' among districts is Cherwell",
    kind: "ranking",
    rows: ["1. Cherwell 50"],
  },
  {
    ask: "which councils are at the average for upheld?",
    proves: "at the average is a difference of 0",
    kind: "ranking",
    applied: { op: "equal", value: 0, of: "average" },
    total: 0,
  },
  // --- Denials, ranges, bare numbers (from review) ----------------------------------------------------------------
  {
    ask: "which councils are not below average on upheld?",
    proves: "a denied threshold is turned round: not below average is at or above it",
    kind: "ranking",
    applied: { op: "at_least", value: 0, of: "average" },
    says: ["at or above their similar-authority average"],
    check: (answer) => {
      for (const row of answer.ranking?.rows ?? [])
        expect(row.rate).toBeGreaterThanOrEqual(row.average as number);
    },
  },
  {
    ask: "councils not meeting full compliance",
    proves: "not meeting full compliance is below 100%, and 'meeting' is not a meeting requested",
    kind: "ranking",
    applied: { measure: "compliance", op: "below", value: 100 },
    category: null,
    total: 5,
  },
  {
    ask: "fewer than 100% compliance",
    proves: "fewer than 100% is below 100%",
    kind: "ranking",
    applied: { op: "below", value: 100 },
    total: 5,
  },
  {
    ask: "over 100% compliance",
    proves: "over 100% is a threshold none passes, not 'at 100%'",
    kind: "ranking",
    applied: { op: "above", value: 100 },
    total: 0,
  },
  {
    ask: "councils with an upheld rate between 60% and 80%",
    proves: "a range has both bounds, each included",
    kind: "ranking",
    applied: { op: "between", value: 60 },
    total: 8,
    check: (answer) => expect(answer.applied.comparison?.high).toBe(80),
  },
  {
    ask: "upheld rate above 75% and below 90%",
    proves: "two bounds in words are one range, neither dropped",
    kind: "ranking",
    applied: { op: "between", value: 75 },
    check: (answer) => expect(answer.applied.comparison?.high).toBe(90),
  },
  {
    ask: "councils with an upheld rate over 70",
    proves: "a rate's threshold without its % sign is read",
    kind: "ranking",
    applied: { op: "above", value: 70, of: "rate" },
    total: 7,
  },
  {
    ask: "less than or equal to 80% upheld",
    proves: "'less than or equal to' is at most",
    kind: "ranking",
    applied: { op: "at_most", value: 80 },
    total: 10,
  },
  {
    ask: "10 points or more above average on upheld",
    proves: "'10 points or more above' keeps the 10",
    kind: "ranking",
    applied: { op: "at_least", value: 10, of: "average" },
  },
  {
    ask: "which districts are above average per 100k",
    proves: "'100k' is per 100,000 residents, not a council's name",
    kind: "ranking",
    applied: { measure: "perResidents", type: "district" },
    rows: ["1. Ashford 5.2"],
    noNotes: ["unknown_council"],
  },
  {
    ask: "I was reading the Bury letter, what are the concerns?",
    proves: "the everyday word 'reading' is not Reading council",
    kind: "concerns",
    councils: ["Bury 2024"],
    noNotes: ["typo"],
  },
  {
    ask: "top 1 for compliance",
    proves: "a cut never splits a shared place: top 1 shows the seven councils on 100%",
    kind: "ranking",
    check: (answer) => {
      expect(answer.ranking?.rows).toHaveLength(7);
      expect(answer.ranking?.rows.every((r) => r.place === 1 && r.tied)).toBe(true);
    },
  },
  {
    ask: "how many districts are there",
    proves: "counting a kind counts every letter held, and says how many give a figure",
    kind: "ranking",
    says: ["I hold 2024 letters for 4 district councils; 3 of them give an upheld rate"],
  },
  {
    ask: "how many councils had an upheld rate over 50% in 2023?",
    proves: "a count of one is said as one",
    kind: "ranking",
    says: ["The only council with a 2023 upheld rate is over 50%."],
    never: ["All 1", "None of the 1"],
  },
  {
    ask: "top councils last year",
    proves: "a year not held says so and points to the latest held",
    kind: "ranking",
    says: ["I hold no 2025 letters for councils."],
    check: (answer) => expect(answer.suggestions).toContain("highest upheld rate in 2024"),
  },
  {
    ask: "what's the average for metropolitan boroughs?",
    proves: "the averages themselves are the ones the year's letters print for the kind of council",
    kind: "similar",
    applied: { type: "metropolitan_borough", year: 2024 },
    says: [
      "Similar-authority averages for metropolitan boroughs, 2024",
      "Metropolitan boroughs: complaints upheld 75%; compliance with recommendations 100%; satisfactory remedy 15%; 5.0 upheld decisions per 100,000 residents (as printed in 4 letters).",
    ],
    never: ["District councils:"],
  },
  {
    ask: "what's the national average upheld rate?",
    proves: "the letters print no national average: the answer says so and gives each kind's",
    kind: "similar",
    says: [
      "The letters give an average for each kind of council (similar authorities), not a national one.",
      "District councils: complaints upheld 70% (as printed in 4 letters).",
      "London boroughs: complaints upheld 78% (as printed in 3 letters).",
    ],
    never: ["compliance with recommendations"],
  },
  {
    ask: "which councils fell below 100% on compliance?",
    proves: "a level against a threshold ('fell below 100%') is a ranking of that year, not a change",
    kind: "ranking",
    applied: { measure: "compliance", op: "below", value: 100, of: "rate" },
  },
  {
    ask: "which councils rose above the average?",
    proves: "'rose above the average' is the councils above their average, not a ranking by change",
    kind: "ranking",
    applied: { op: "above", of: "average" },
  },
  {
    ask: "which councils got worse since last year?",
    proves: "'since last year' before this year's letters compares the latest two years held",
    kind: "trend",
    applied: { from: 2023, to: 2024 },
    never: ["not two years"],
  },
  {
    ask: "what do you mean?",
    proves: "'mean' is not a question about the averages",
    kind: "unclear",
  },
  {
    ask: "witness summons in 2020 and 2024",
    proves: "two years named are those two years, said so, not the range between them",
    kind: "concerns",
    says: ["Councils with a witness summons, 2020 and 2024", "Sefton (2020)"],
  },
  {
    ask: "most improved council",
    proves:
      "change across councils is ranked by each council's change between the latest two years held, not by one year's levels",
    kind: "trend",
    applied: { measure: "upheld", from: 2023, to: 2024 },
    says: [
      "Councils whose upheld rate improved most, 2023 to 2024",
      // Bury's 2023 rate is over no investigations: no figure, so only Sefton has two.
      "Of the 1 council with an upheld rate in both years, none improved (lower is better).",
      "By the upheld rate",
    ],
    check: (answer) => expect(answer.ranking).toBeNull(),
  },
  {
    ask: "which councils got worse since 2020?",
    proves:
      "worsening since 2020 ranks each council's change from its 2020 letter to its 2024 one, worst first",
    kind: "trend",
    applied: { measure: "upheld", from: 2020, to: 2024 },
    says: [
      "4 of the 4 councils with an upheld rate in both years got worse (lower is better):",
      "1. Bromsgrove: 40% in 2020 to 75% in 2024 (up 35 points, worse)",
      "2. Bury: 40% in 2020 to 60% in 2024 (up 20 points, worse)",
      "3. Sefton: 81% in 2020 to 88% in 2024 (up 7 points, worse)",
      "4. Stockport: 59% in 2020 to 60% in 2024 (up 1 point, worse)",
    ],
    notes: ["small_base"],
  },
  {
    ask: "which councils improved most on remedy since 2020?",
    proves: "improvement follows the measure's sense: a higher remedy rate is better",
    kind: "trend",
    applied: { measure: "remedy", from: 2020, to: 2024 },
    says: [
      "1 of the 4 councils with a remedy rate in both years improved (higher is better):",
      "1. Bury: 0% in 2020 to 33% in 2024 (up 33 points, better)",
    ],
    never: ["By the upheld rate"],
  },
  {
    ask: "which councils improved the least since 2020?",
    proves:
      "'improved the least' ranks from the bottom: every council with both figures, those that got worse first",
    kind: "trend",
    applied: { measure: "upheld", from: 2020, to: 2024 },
    says: [
      "Councils whose upheld rate improved least, 2020 to 2024",
      "All 4 councils with an upheld rate in both years, least improved first (lower is better):",
      "1. Bromsgrove: 40% in 2020 to 75% in 2024 (up 35 points, worse)",
      "4. Stockport: 59% in 2020 to 60% in 2024 (up 1 point, worse)",
    ],
    never: ["improved most"],
  },
  {
    ask: "least improved on remedy since 2020",
    proves: "'least improved' is the same bottom-first ranking, in the measure's own sense",
    kind: "trend",
    applied: { measure: "remedy", from: 2020, to: 2024 },
    says: [
      "least improved first (higher is better):",
      "4. Bury: 0% in 2020 to 33% in 2024 (up 33 points, better)",
    ],
  },
  {
    ask: "which council has the least upheld complaints?",
    proves: "'the least' asks for the bottom of a ranking (only 'at least' is a threshold)",
    kind: "ranking",
    applied: { measure: "upheld", order: "lowest" },
  },
  {
    ask: "which councils had the most complaints upheld?",
    proves: "'the most' asks for the top of a ranking",
    kind: "ranking",
    applied: { measure: "upheld", order: "highest" },
  },
  // --- Years written every way ---------------------------------------------------------------------------------
  {
    ask: "2023/2024 Bury",
    proves: "a financial year written in full is the year it ends",
    kind: "summary",
    councils: ["Bury 2024"],
  },
  {
    ask: "Bury 2022/2023",
    proves: "2022/2023 is the 2023 letter",
    kind: "summary",
    councils: ["Bury 2023"],
  },
  ...(
    [
      ["Bury 23/24", 2024],
      ["bury 22-23", 2023],
      ["Bury FY23/24", 2024],
      ["bury fy2023", 2023],
      ["Bury FY24", 2024],
    ] as const
  ).map(
    ([ask, year]): Case => ({
      ask,
      proves: `a financial year in short (“${ask}”) is the letter of the year it ends, ${year}`,
      kind: "summary",
      councils: [`Bury ${year}`],
    }),
  ),
  {
    ask: "Sefton 2023-2024",
    proves: "2023-2024 is one year, not a trend",
    kind: "summary",
    councils: ["Sefton 2024"],
  },
  {
    ask: "highest upheld since 2022",
    proves: "a ranking since a year ranks the latest",
    kind: "ranking",
    applied: { year: 2024 },
    notes: ["filter_dropped"],
  },
  {
    ask: "Bury in 2020 vs 2024",
    proves: "two years with 'vs' are a change between them",
    kind: "trend",
    applied: { from: 2020, to: 2024 },
  },
  {
    ask: "has Bury improved on upheld since 2023?",
    proves: "a change from a year whose rate is not calculable says so, rather than that no figure is given",
    kind: "trend",
    says: ["Bury's letters of 2023 give no figure for upheld rate (not calculable or not given)"],
  },
  {
    ask: "Bury compliance trend",
    proves: "a trend of one measure notes only that measure's gaps",
    kind: "trend",
    noNotes: ["no_cases"],
  },
  // --- Counting ---------------------------------------------------------------------------------------------------
  {
    ask: "how many councils are below 100% on compliance?",
    proves: "how many councils are below 100% on compliance: 5",
    kind: "ranking",
    applied: { count: true },
    total: 5,
    says: ["5 of the 12 councils with a 2024 compliance rate are below 100%."],
  },
  {
    ask: "how many districts are above average on upheld?",
    proves: "counting with a type and a relative threshold",
    kind: "ranking",
    applied: { count: true, type: "district" },
    total: 2,
  },
  {
    ask: "how many london boroughs do you have figures for?",
    proves: "counting a kind without a threshold gives the field",
    kind: "ranking",
    applied: { count: true, type: "london_borough" },
    says: ["I hold 2024 letters for 3 London boroughs, each giving an upheld rate."],
  },
  // --- Top and bottom N, years -----------------------------------------------------------------------------------
  {
    ask: "top 5 upheld 2024",
    proves: "top 5 shows five rows, the last a shared place",
    kind: "ranking",
    applied: { limit: 5, year: 2024 },
    rows: UPHELD_2024.slice(0, 5),
    total: 12,
  },
  {
    ask: "bottom three compliance",
    proves: "bottom three on compliance",
    kind: "ranking",
    applied: { limit: 3, order: "lowest" },
    rows: ["1. Bromsgrove 80", "2. Sefton 90", "3. Wigan 95"],
  },
  {
    ask: "lowest 3 upheld rates among london boroughs",
    proves: "lowest 3 among London boroughs",
    kind: "ranking",
    rows: ["1. Sutton 50", "2. Camden 80", "3. Hackney 90"],
  },
  {
    ask: "2023/24 rankings upheld",
    proves: "2023/24 is the year ending March 2024",
    kind: "ranking",
    applied: { year: 2024 },
    noNotes: ["unknown_council"],
  },
  {
    ask: "highest upheld rate in 2020",
    proves: "a year asked ranks that year's letters",
    kind: "ranking",
    applied: { year: 2020 },
    rows: ["1. Sefton 81", "2. Stockport 59", "=3. Bromsgrove 40", "=3. Bury 40"],
  },
  {
    ask: "highest upheld rate in 2023",
    proves: "a year whose only letter has no investigations ranks none, and says why",
    kind: "ranking",
    applied: { year: 2023 },
    rows: ["1. Sefton 85"],
    notes: ["not_calculable_left_out"],
  },
  {
    ask: "rank per head in 2020",
    proves: "asked for a year before the per-100,000 figure, the answer says the letters give it from 2024",
    kind: "ranking",
    notes: ["not_given_before"],
    says: ["from 2024"],
    check: (answer) => expect(answer.ranking).toBeNull(),
  },
  {
    ask: "which councils had the highest upheld rate between 2022 and 2024?",
    proves: "a ranking over a range ranks its last year and says how to ask for change",
    kind: "ranking",
    applied: { year: 2024 },
    notes: ["filter_dropped"],
  },
  // --- One council, per-100,000, multi-year -----------------------------------------------------------------------
  {
    ask: "Kent",
    proves: "Kent's summary gives its per-100,000 figure beside the rates",
    kind: "summary",
    councils: ["Kent 2024"],
    says: ["Upheld decisions per 100,000 residents: 2.5, below the average of 3.0 for county councils."],
    check: (answer) =>
      expect(answer.councils[0]?.perResidents).toEqual({
        value: 2.5,
        average: 3,
        difference: -0.5,
        position: "below",
      }),
  },
  {
    ask: "Kent per 100,000 residents",
    proves: "one council's per-100,000 figure alone",
    kind: "metric",
    applied: { measure: "perResidents" },
    says: ["2.5"],
  },
  {
    ask: "Sefton 2020 per 100,000 residents",
    proves: "asked of a 2020 letter, the per-100,000 figure is said to start in 2024",
    kind: "metric",
    councils: ["Sefton 2020"],
    says: [
      "The letters give upheld decisions per 100,000 residents from 2024; Sefton's 2020 letter does not.",
    ],
  },
  {
    ask: "compare Bury and Sefton",
    proves: "a comparison of 2024 letters gives both per-100,000 figures",
    kind: "side_by_side",
    councils: ["Bury 2024", "Sefton 2024"],
    says: ["Upheld decisions per 100,000 residents: Bury 4.4 (avg 5.0), Sefton 6.1 (avg 5.0)."],
  },
  {
    ask: "has Sefton improved since 2022?",
    proves:
      "improvement since a year compares that year with the latest, better or worse by the measure's sense",
    kind: "trend",
    applied: { from: 2022, to: null },
    check: (answer) => {
      const upheld = answer.trend?.changes.find((c) => c.measure === "upheld");
      expect(upheld).toMatchObject({
        from: { year: 2022, value: 80 },
        to: { year: 2024, value: 88 },
        better: false,
      });
      const compliance = answer.trend?.changes.find((c) => c.measure === "compliance");
      expect(compliance).toMatchObject({ change: -10, better: false });
    },
  },
  {
    ask: "Sefton between 2022 and 2023",
    proves: "a range of two years is the change between them",
    kind: "trend",
    applied: { from: 2022, to: 2023 },
    check: (answer) => {
      expect(answer.trend?.points.map((p) => p.year)).toEqual([2022, 2023]);
      expect(answer.trend?.changes.find((c) => c.measure === "upheld")?.change).toBe(5);
    },
  },
  {
    ask: "change in Bury's upheld rate from 2022 to 2024",
    proves: "a change over a year with no investigations skips it",
    kind: "trend",
    applied: { measure: "upheld" },
    notes: ["no_cases"],
    check: (answer) =>
      expect(answer.trend?.changes).toEqual([
        {
          measure: "upheld",
          from: { year: 2022, value: 50 },
          to: { year: 2024, value: 60 },
          change: 10,
          better: false,
          skipped: [2023],
          // 2023 is not calculable: the step to 2024 is from 2022, the last year with a figure.
          steps: [{ year: 2024, change: 10 }],
        },
      ]),
  },
  {
    ask: "how has Sefton's compliance changed over the last 3 years?",
    proves: "the last 3 years are the three latest held",
    kind: "trend",
    applied: { from: 2022, to: 2024, measure: "compliance" },
  },
  {
    ask: "is Bury getting better?",
    proves: "getting better is a trend",
    kind: "trend",
  },
  {
    ask: "Sefton per 100,000 trend",
    proves: "a trend of the per-100,000 figure has one year to show and says so",
    kind: "trend",
    check: (answer) => expect(answer.trend?.points.at(-1)?.perResidents).toBe(6.1),
  },
  // --- Synonyms ----------------------------------------------------------------------------------------------------
  {
    ask: "uphold rate for Wigan",
    proves: "'uphold rate' is the upheld rate",
    kind: "metric",
    applied: { measure: "upheld" },
    councils: ["Wigan 2024"],
  },
  {
    ask: "remedy rate for Camden",
    proves: "'remedy rate' is the satisfactory remedy rate",
    kind: "metric",
    applied: { measure: "remedy" },
  },
  {
    ask: "Camden fault rate",
    proves: "'fault' is the upheld rate",
    kind: "metric",
    applied: { measure: "upheld" },
  },
  {
    ask: "did Sefton carry out its service improvements?",
    proves: "service improvements are part of compliance with recommendations, not a trend",
    kind: "metric",
    applied: { measure: "compliance" },
  },
  {
    ask: "met boroughs above average",
    proves: "'met boroughs' are metropolitan boroughs",
    kind: "ranking",
    applied: { type: "metropolitan_borough" },
    rows: ["1. Sefton 88", "2. Wigan 80"],
  },
  {
    ask: "which councils met the deadline on compliance?",
    proves: "'met' as a verb is not a type of council",
    kind: "ranking",
    applied: { type: null },
  },
  {
    ask: "any compliance failures?",
    proves: "'compliance failures' is the compliance failure concern",
    kind: "concerns",
    category: "compliance_failure",
    noNotes: ["unknown_council"],
  },
  {
    ask: "who is Sefton's link officer?",
    proves: "'link officer' is not taken for a council",
    kind: "summary",
    councils: ["Sefton 2024"],
    noNotes: ["unknown_council"],
  },
  {
    ask: "section 31 reports",
    proves: "a section 31 report is a public report",
    kind: "concerns",
    category: "public_report",
  },
  {
    ask: "shire districts with the highest upheld rate",
    proves: "'shire districts' are district councils",
    kind: "ranking",
    applied: { type: "district" },
  },
  {
    ask: "london councils upheld ranking",
    proves: "'london councils' are London boroughs",
    kind: "ranking",
    applied: { type: "london_borough" },
  },
  {
    ask: "counties compliance league table",
    proves: "'counties' are county councils and a league table is a ranking",
    kind: "ranking",
    applied: { type: "county", measure: "compliance" },
    rows: ["1. Essex 100", "2. Kent 97"],
  },
  {
    ask: "which councils were asked to meet the ombudsman?",
    proves: "a meeting asked for is its concern",
    kind: "concerns",
    category: "meeting_requested",
  },
  {
    ask: "who ignored the ombudsman's recommendations?",
    proves: "ignoring recommendations is a compliance failure",
    kind: "concerns",
    category: "compliance_failure",
  },
  // --- Every council named is answered or explained -----------------------------------------------------------------
  {
    ask: "Narnia",
    proves: "an unknown council is explained with the nearest names",
    kind: "unknown_council",
    says: ["I don't know a council called “Narnia”; did you mean"],
    check: (answer) => expect(answer.question.unknown[0]?.nearest).toHaveLength(3),
  },
  {
    ask: "Bury vs Narnia vs Sefton",
    proves: "two known councils are compared and the unknown one explained",
    kind: "side_by_side",
    councils: ["Bury 2024", "Sefton 2024"],
    notes: ["unknown_council"],
  },
  {
    ask: "Cornwall",
    proves: "a council known but not held is said to be known",
    kind: "no_letter",
    says: ["I know Cornwall but hold no annual review letter for it yet."],
  },
  {
    ask: "Somerset upheld",
    proves: "an ambiguous name asks which",
    kind: "ambiguous",
  },
  {
    ask: "compare Bury and Cornwall",
    proves: "a council not held beside one held is answered for the one and explained for the other",
    kind: "similar",
    councils: ["Bury 2024"],
    notes: ["no_letter"],
  },
  {
    ask: "Stokport upheld",
    proves: "a near spelling is read as the council, and said",
    kind: "metric",
    councils: ["Stockport 2024"],
    notes: ["typo"],
    check: (answer) =>
      expect(answer.didYouMean).toEqual([
        { words: "Stokport", name: "Stockport Metropolitan Borough Council", shortName: "Stockport" },
      ]),
  },
  {
    ask: "Bury 2021",
    proves: "a year not held for a council names the years held",
    kind: "no_letter",
    says: ["I hold no 2021 letter for Bury; I have 2024, 2023, 2022 and 2020."],
  },
];

const names = (answer: Answer) => answer.ranking?.rows.map((r) => r.authority.shortName) ?? [];
const rowText = (answer: Answer) =>
  answer.ranking?.rows.map((r) => `${r.tied ? "=" : ""}${r.place}. ${r.authority.shortName} ${r.rate}`) ?? [];

describe("questions over a generated store of every kind of council, 2020–2024", () => {
  it("has at least 75 questions", () => expect(CASES.length).toBeGreaterThanOrEqual(75));

  for (const c of CASES) {
    it(`${JSON.stringify(c.ask)}: ${c.proves}`, () => {
      const answer = ask(c.ask, store, { authorities, now: NOW });
      const text = renderAnswer(answer).replace(/\s+/g, " ");
      expect(answer.kind).toBe(c.kind);
      const a = c.applied ?? {};
      const applied = answer.applied;
      if ("measure" in a) expect(applied.measure).toBe(a.measure);
      if ("type" in a) expect(applied.type).toBe(a.type);
      if ("year" in a) expect(applied.years?.to ?? applied.years?.from ?? null).toBe(a.year);
      if ("from" in a) expect(applied.years?.from).toBe(a.from);
      if ("to" in a) expect(applied.years?.to).toBe(a.to);
      if ("op" in a) expect(applied.comparison?.op).toBe(a.op);
      if ("value" in a) expect(applied.comparison?.value).toBe(a.value);
      if ("of" in a) expect(applied.comparison?.of).toBe(a.of);
      if ("order" in a) expect(applied.order).toBe(a.order);
      if ("limit" in a) expect(applied.limit).toBe(a.limit);
      if ("count" in a) expect(applied.count).toBe(a.count);
      if (c.rows) expect(rowText(answer).slice(0, c.rows.length)).toEqual(c.rows);
      if (c.total !== undefined) expect(answer.ranking?.total ?? 0).toBe(c.total);
      if (c.councils)
        expect(answer.councils.map((f) => `${f.authority.shortName} ${f.source.year}`)).toEqual(c.councils);
      if (c.category !== undefined) expect(answer.question.category).toBe(c.category);
      const codes = answer.notes.map((n) => n.code);
      for (const code of c.notes ?? []) expect(codes).toContain(code);
      for (const code of c.noNotes ?? []) expect(codes).not.toContain(code);
      for (const s of c.says ?? []) {
        if (typeof s === "string") expect(text).toContain(s);
        else expect(text).toMatch(s);
      }
      for (const s of c.never ?? []) {
        if (typeof s === "string") expect(text).not.toContain(s);
        else expect(text).not.toMatch(s);
      }
      c.check?.(answer);
    });
  }

  it("no answer suggests the question it answers, and every suggestion is understood", () => {
    for (const c of CASES) {
      const answer = ask(c.ask, store, { authorities, now: NOW });
      for (const suggestion of answer.suggestions) {
        expect(suggestion.toLowerCase(), c.ask).not.toBe(c.ask.toLowerCase());
        const next = ask(suggestion, store, { authorities, now: NOW });
        expect(["unclear", "unknown_council"], `${c.ask} → ${suggestion}`).not.toContain(next.kind);
      }
    }
  });

  it("no ranking shows a rate over no cases, and every place follows the figures", () => {
    for (const c of CASES) {
      const ranking = ask(c.ask, store, { authorities, now: NOW }).ranking;
      if (!ranking) continue;
      ranking.rows.forEach((row, i) => {
        const previous = ranking.rows[i - 1];
        if (previous) {
          const same = previous.rate === row.rate;
          expect(row.place, c.ask).toBe(same ? previous.place : i + 1);
          expect(ranking.order === "highest" ? previous.rate >= row.rate : previous.rate <= row.rate).toBe(
            true,
          );
        }
        expect(ranking.notCalculable.map((a) => a.shortName)).not.toContain(row.authority.shortName);
      });
    }
  });
});
