import { createHoldings, type Holdings } from "../../src/answers/index.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { type Letter, parseLetter } from "../../src/letters/index.ts";
import type { LetterSpec } from "../../testkit/letters.ts";
import { writeLetter } from "../../testkit/letters.ts";
import { PLAIN_LAYOUT } from "../fixtures/specs.ts";
import { sampleLetters } from "./support.ts";

/**
 * A generated store for the answers tests: letters of 2022–2024 for councils of every kind, written in each year's
 * published layout and read back by the real parser, beside the five sample letters of 2020. The figures are chosen
 * so that each filter has something to find and something to leave out: a tie (Bury and Stockport, 60% in 2024), a
 * council with no investigations (Dacorum 2024, Bury 2023: not calculable), rates below full compliance, a small
 * base (Bromsgrove, 4 investigations), and per-100,000 figures from 2024.
 */

const authorities = loadAuthorities();

/** upheld [count, investigations, average]; compliance [rate, outcomes, average]; remedy [count, average]; per 100k. */
interface Row {
  upheld: [count: number, investigations: number, average: number];
  compliance: [rate: number | null, outcomes: number, average: number];
  remedy: [count: number, average: number];
  per?: [value: number, average: number];
}

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((100 * part) / whole));

function spec(shortName: string, year: number, row: Row): LetterSpec {
  const authority = authorities.all.find((a) => a.shortName === shortName);
  if (!authority) throw new Error(`no council ${shortName}`);
  const [count, investigations, average] = row.upheld;
  const [complianceRate, outcomes, complianceAverage] = row.compliance;
  const [remedyCount, remedyAverage] = row.remedy;
  return {
    authority: { name: authority.name, shortName: authority.shortName, type: authority.type },
    recipient: { title: "Ms", surname: "Green", role: "Chief Executive" },
    year,
    letterDate: `${year}-07-17`,
    stats: {
      upheld: {
        rate: pct(count, investigations),
        similarAverage: average,
        count,
        investigations,
        perHundredThousand:
          year >= 2024 && row.per ? { value: row.per[0], similarAverage: row.per[1] } : null,
      },
      compliance: {
        rate: outcomes === 0 ? null : complianceRate,
        similarAverage: complianceAverage,
        outcomes,
      },
      remedy: {
        rate: pct(remedyCount, count),
        similarAverage: remedyAverage,
        count: remedyCount,
        investigations: null,
      },
      overview: null,
    },
    concerns: [],
    layout: PLAIN_LAYOUT,
  };
}

/** The 2024 letters: four districts, four metropolitan boroughs, three London boroughs, two counties. */
const Y2024: Record<string, Row> = {
  Ashford: { upheld: [8, 10, 70], compliance: [100, 5, 99], remedy: [2, 10], per: [5.2, 4.0] },
  Bromsgrove: { upheld: [3, 4, 70], compliance: [80, 5, 99], remedy: [0, 10], per: [3.1, 4.0] },
  Cherwell: { upheld: [10, 20, 70], compliance: [100, 8, 99], remedy: [1, 10], per: [2.0, 4.0] },
  Dacorum: { upheld: [0, 0, 70], compliance: [null, 0, 99], remedy: [0, 10], per: [0.0, 4.0] },
  Bury: { upheld: [9, 15, 75], compliance: [100, 6, 100], remedy: [3, 15], per: [4.4, 5.0] },
  Sefton: { upheld: [14, 16, 75], compliance: [90, 10, 100], remedy: [2, 15], per: [6.1, 5.0] },
  Stockport: { upheld: [12, 20, 75], compliance: [100, 9, 100], remedy: [0, 15], per: [3.9, 5.0] },
  Wigan: { upheld: [20, 25, 75], compliance: [95, 20, 100], remedy: [5, 15], per: [5.5, 5.0] },
  Camden: { upheld: [24, 30, 78], compliance: [100, 15, 99], remedy: [6, 12], per: [8.0, 7.5] },
  Hackney: { upheld: [36, 40, 78], compliance: [97, 30, 99], remedy: [4, 12], per: [9.9, 7.5] },
  Sutton: { upheld: [6, 12, 78], compliance: [100, 4, 99], remedy: [1, 12], per: [3.0, 7.5] },
  Kent: { upheld: [40, 50, 77], compliance: [97, 30, 99], remedy: [8, 12], per: [2.5, 3.0] },
  Essex: { upheld: [21, 30, 77], compliance: [100, 14, 99], remedy: [3, 12], per: [1.4, 3.0] },
};

/** Earlier years for a trend: Bury has no investigations in 2023 (not calculable), Sefton improves then slips. */
const EARLIER: [string, number, Row][] = [
  ["Bury", 2022, { upheld: [6, 12, 70], compliance: [100, 5, 100], remedy: [1, 12] }],
  ["Bury", 2023, { upheld: [0, 0, 72], compliance: [100, 4, 100], remedy: [0, 12] }],
  ["Sefton", 2022, { upheld: [8, 10, 70], compliance: [100, 4, 100], remedy: [2, 12] }],
  ["Sefton", 2023, { upheld: [17, 20, 72], compliance: [100, 8, 100], remedy: [3, 12] }],
];

function parsed(letter: LetterSpec): Letter {
  const file = `data/letters/${letter.year}/${letter.authority.shortName.toLowerCase()}.txt`;
  const result = parseLetter(writeLetter(letter), file, { authorities });
  if (!result.ok) throw result.error;
  return result.value;
}

export const generatedLetters: Letter[] = [
  ...Object.entries(Y2024).map(([name, row]) => parsed(spec(name, 2024, row))),
  ...EARLIER.map(([name, year, row]) => parsed(spec(name, year, row))),
];

/** The generated letters and the five samples of 2020. */
export const store: Holdings = createHoldings([...sampleLetters, ...generatedLetters]);
