import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Letter, parseLetter } from "../../src/letters/index.ts";
import { writeLetter } from "../../testkit/letters.ts";
import { seftonIn } from "../fixtures/specs.ts";

/**
 * "A percentage above 100, a negative figure, digits glued to a number ("1081%"), or a count that contradicts its
 * rate: null plus a warning naming the field, never a plausible wrong value." Each case below changes one figure in
 * a generated letter of one year's layout and checks that the field is null with a warning naming it, and that no
 * other figure is wrong (each is the letter's own or null).
 */

type Change = [label: string, from: string, to: string];

/** Where each field is printed, per layout, and the ways it can be mangled. */
interface Field {
  path: string;
  years: readonly number[];
  /** The text that prints the figure, by layout ("page": 2019–24's statistics page; "body": 2025's). */
  at: (year: number) => string;
  value: string;
  /** Mangled forms of `value`: glued digits, a sign, over 100%, a contradiction. */
  changes: (value: string) => Change[];
}

const PERCENT = (v: string): Change[] => [
  ["digits glued on", `${v}%`, `10${v}%`],
  ["a minus sign", `${v}%`, `-${v}%`],
  ["over 100%", `${v}%`, `1${v}%`],
];
const COUNT = (v: string): Change[] => [
  ["digits glued on", v, `10${v}`],
  ["a minus sign", v, `-${v}`],
  ["a leading zero glued on", v, `0${v}`],
];
const ALL = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;
const PAGE = [2019, 2020, 2021, 2022, 2023, 2024] as const;

const FIELDS: Field[] = [
  {
    path: "stats.upheld.rate",
    years: ALL,
    at: (y) => (y >= 2025 ? "uphold rate of 81%." : "81% of complaints we investigated"),
    value: "81",
    changes: (v) => [...PERCENT(v), ["a rate its counts contradict", `${v}%`, "31%"]],
  },
  {
    path: "stats.upheld.similarAverage",
    years: ALL,
    at: (y) => (y >= 2025 ? "type is 67%." : "average of 67% in"),
    value: "67",
    changes: PERCENT,
  },
  {
    path: "stats.upheld.count",
    years: ALL,
    at: (y) => (y >= 2025 ? "and upheld 13." : "\n13\nupheld decisions"),
    value: "13",
    changes: (v) => [...COUNT(v), ["more upheld than investigated", v, "31"]],
  },
  {
    path: "stats.upheld.investigations",
    years: PAGE,
    at: () => "a total of 16 detailed investigations",
    value: "16",
    changes: (v) => [...COUNT(v), ["a base the rate contradicts", v, "61"]],
  },
  {
    path: "stats.upheld.investigations",
    years: [2025],
    at: () => "We investigated 16 complaints and",
    value: "16",
    changes: (v) => [...COUNT(v), ["a base the rate contradicts", v, "61"]],
  },
  {
    path: "stats.upheld.perHundredThousand.value",
    years: [2024, 2025],
    at: () => "this is 4.8 upheld",
    value: "4.8",
    changes: (v) => [
      ["digits glued on", v, `10${v}`],
      ["a minus sign", v, `-${v}`],
    ],
  },
  {
    path: "stats.upheld.perHundredThousand.similarAverage",
    years: [2024, 2025],
    at: () => "type is 4.5 upheld",
    value: "4.5",
    changes: (v) => [
      ["digits glued on", v, `10${v}`],
      ["a minus sign", v, `-${v}`],
    ],
  },
  {
    path: "stats.compliance.rate",
    years: ALL,
    at: () => "In 90% of cases",
    value: "90",
    changes: (v) => [...PERCENT(v), ["a rate no whole number of outcomes makes", `${v}%`, "95%"]],
  },
  {
    path: "stats.compliance.similarAverage",
    years: ALL,
    at: () => "average of 99% in",
    value: "99",
    changes: PERCENT,
  },
  {
    path: "stats.compliance.outcomes",
    years: ALL,
    at: () => "total of 10 compliance outcomes",
    value: "10",
    changes: (v) => [...COUNT(v), ["outcomes the rate contradicts", v, "7"]],
  },
  {
    path: "stats.remedy.rate",
    years: ALL,
    at: () => "In 23% of upheld cases",
    value: "23",
    changes: (v) => [...PERCENT(v), ["a rate its counts contradict", `${v}%`, "50%"]],
  },
  {
    path: "stats.remedy.similarAverage",
    years: ALL,
    at: () => "average of 11% in",
    value: "11",
    changes: PERCENT,
  },
  {
    path: "stats.remedy.count",
    years: PAGE,
    at: () => "\n3\nsatisfactory remedy",
    value: "3",
    changes: (v) => [...COUNT(v), ["a count its rate contradicts", v, "9"]],
  },
  {
    path: "stats.remedy.count",
    years: [2025],
    at: () => "\n3 satisfactory remedy",
    value: "3",
    changes: (v) => [...COUNT(v), ["a count its rate contradicts", v, "9"]],
  },
  {
    path: "stats.overview.dealtWith",
    years: [2025],
    at: () => "dealt with 231 complaints",
    value: "231",
    changes: (v) => [...COUNT(v), ["a total its parts contradict", v, "331"]],
  },
  {
    path: "stats.overview.notForUs",
    years: [2025],
    at: () => "Of these, 87 were",
    value: "87",
    changes: (v) => [...COUNT(v), ["a part the total contradicts", v, "78"]],
  },
  {
    path: "stats.overview.assessedAndClosed",
    years: [2025],
    at: () => "closed 128 complaints",
    value: "128",
    changes: (v) => [...COUNT(v), ["a part the total contradicts", v, "182"]],
  },
  {
    path: "stats.overview.investigated",
    years: [2025],
    at: () => "We investigated 16 complaints.",
    value: "16",
    changes: (v) => [...COUNT(v), ["investigations the upheld section contradicts", v, "61"]],
  },
];

function get(letter: Letter, path: string): unknown {
  return path
    .split(".")
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | null)?.[k] ?? null, letter);
}

const FIGURE_PATHS = [...new Set([...FIELDS.map((f) => f.path), "stats.remedy.investigations"])];

describe("an impossible or contradicted figure is null with a warning naming it", () => {
  for (const field of FIELDS) {
    for (const year of field.years) {
      const original = writeLetter(seftonIn(year));
      const at = field.at(year);
      for (const [label, from, to] of field.changes(field.value)) {
        it(`${field.path} in a ${year} letter, ${label} (${JSON.stringify(to)}): null with a warning, no other figure wrong`, () => {
          // The first place it is printed (2019–20 repeat the upheld base in the remedy section).
          expect(original.includes(at), `"${at}" is printed`).toBe(true);
          const text = original.replace(at, at.replace(from, to));
          expect(text).not.toBe(original);
          const result = parseLetter(text, "mangled.txt");
          if (!result.ok) throw result.error;
          const letter = result.value;
          const clean = parseLetter(original, "clean.txt");
          if (!clean.ok) throw clean.error;
          expect(get(letter, field.path)).toBeNull();
          expect(letter.warnings.map((w) => w.field)).toContain(field.path);
          for (const path of FIGURE_PATHS) {
            const value = get(letter, path);
            if (value !== null) expect(value, path).toBe(get(clean.value, path));
          }
        });
      }
    }
  }
});

describe("a figure the letter states again, after prose has ended its section, with another value", () => {
  // Found by the property test (seed -1620302708): the upheld section's "This compares to an average of 67%" copied
  // under the remedy rate, a paragraph of prose, then the remedy section's own "average of 11%".
  const text = readFileSync("data/letters/2020/sefton.txt", "utf8");
  const own = "This compares to an average of **11%** in similar authorities.";
  const prose =
    "Happily, this year, our experience of your Council completing remedies within the agreed timescales has improved. However, I have not seen an improvement in how your Council responded to our investigations.";

  it("is null with a warning that the letter gives conflicting values, not the first value read", () => {
    expect(text.includes(own)).toBe(true);
    const copied = text.replace(
      own,
      `This compares to an average of **67%** in similar authorities.\n\n${prose}\n\n${own}`,
    );
    const result = parseLetter(copied, "copied.txt");
    if (!result.ok) throw result.error;
    expect(result.value.stats.remedy?.similarAverage).toBeNull();
    expect(result.value.warnings).toContainEqual(
      expect.objectContaining({ field: "stats.remedy.similarAverage", code: "conflicting" }),
    );
  });

  it("is kept when it states the same value again", () => {
    const repeated = text.replace(own, `${own}\n\n${prose}\n\n${own}`);
    const result = parseLetter(repeated, "repeated.txt");
    if (!result.ok) throw result.error;
    expect(result.value.stats.remedy?.similarAverage).toBe(11);
  });
});
