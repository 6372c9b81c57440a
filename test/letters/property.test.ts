import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Letter, type Metric, ParseError, type ParseResult, parseLetter } from "../../src/letters/index.ts";
import { letterFrom } from "../support/records.ts";

/**
 * Whatever it is given, `parseLetter` returns a result: a `ParseError` that names the file and a field (never
 * "internal", which would be a parser bug), or a record that the schema accepts. And from a damaged real letter it
 * never reports a figure the letter does not give: each figure is the original's, or is null, or carries a warning.
 * A wrong number is worse than a missing one.
 */

const FILE = "letters/property.txt";
const SAMPLES = ["bath-and-north-east-somerset", "bromsgrove", "bury", "sefton", "stockport"] as const;
const TEXT = SAMPLES.map((name) => readFileSync(`data/letters/2020/${name}.txt`, "utf8"));

function parsedOriginal(text: string): Letter {
  return letterFrom(text, FILE);
}
const ORIGINAL = TEXT.map(parsedOriginal);

/** The checks every result must pass, whatever the input. */
function expectWellFormed(result: ParseResult<Letter>, file = FILE): void {
  if (!result.ok) {
    expect(result.error).toBeInstanceOf(ParseError);
    expect(result.error.field).not.toBe("internal");
    expect(result.error.file).toBe(file);
    expect(result.error.reason.length).toBeGreaterThan(0);
    return;
  }
  expect(Letter.safeParse(result.value).success).toBe(true);
  expect(result.value.source.file).toBe(file);
}

const FIGURES: [Metric, string][] = [
  ["upheld", "rate"],
  ["upheld", "similarAverage"],
  ["upheld", "count"],
  ["upheld", "investigations"],
  ["compliance", "rate"],
  ["compliance", "similarAverage"],
  ["compliance", "outcomes"],
  ["remedy", "rate"],
  ["remedy", "similarAverage"],
  ["remedy", "count"],
  ["remedy", "investigations"],
];

function figure(letter: Letter, metric: Metric, field: string): number | null {
  const section = letter.stats[metric] as Record<string, number | null> | null;
  return section?.[field] ?? null;
}

/** A warning "for" a figure names it, its section, or the statistics as a whole. */
function warnedFor(letter: Letter, path: string): boolean {
  return letter.warnings.some((w) => w.field === path || path.startsWith(`${w.field}.`));
}

/** Every figure the mutant gives is the original's, or carries a warning. */
function expectNoWrongFigure(mutant: Letter, original: Letter): void {
  for (const [metric, field] of FIGURES) {
    const value = figure(mutant, metric, field);
    if (value === null) continue;
    const path = `stats.${metric}.${field}`;
    if (value !== figure(original, metric, field) && !warnedFor(mutant, path)) {
      throw new Error(
        `${path} is ${value} (the letter gives ${figure(original, metric, field)}) with no warning; warnings: ${JSON.stringify(mutant.warnings)}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitrary input

describe("parseLetter on arbitrary input", () => {
  it("never throws on arbitrary strings, and any error names the file and a field other than 'internal'", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        expectWellFormed(parseLetter(text, FILE));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary Unicode (graphemes and lone code points)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 500 }),
          fc.string({ unit: "binary", maxLength: 1000 }),
        ),
        (text) => {
          expectWellFormed(parseLetter(text, FILE));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => {
        expectWellFormed(parseLetter(bytes, FILE));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on letter-shaped noise: real lines shuffled with stray words and figures", () => {
    const lines = [...new Set(TEXT.flatMap((text) => text.split("\n")))];
    const token = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...lines) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "",
          " ",
          "\u00a0",
          "Dear Mr",
          "Dear",
          "**",
          "%",
          "100%",
          "0",
          "By email",
          "<u>",
          "[x](#)",
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 120 }),
        fc.constantFrom("\n", "\r\n", "\n\n"),
        (parts, sep) => {
          expectWellFormed(parseLetter(parts.join(sep), FILE));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("names whatever file it is given", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: SAMPLES.length - 1 }),
        (file, i) => {
          const text = TEXT[i] as string;
          const results = [
            parseLetter(text.slice(0, text.length >> 1), file),
            parseLetter("not a letter", file),
          ];
          for (const result of results) expectWellFormed(result, file);
        },
      ),
      { numRuns: 100 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Mutations of the real letters

type Mutation =
  | { kind: "slice"; from: number; to: number }
  | { kind: "deleteLines"; at: number; count: number }
  | { kind: "insertLine"; at: number; line: string }
  | { kind: "duplicateParagraph"; from: number; to: number };

/**
 * Garbage that states no figure of its own: no ASCII digits (so it cannot become "7 upheld decisions" or turn 15
 * into 115), but any other characters and stray decorations.
 */
const noise = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[0-9]/g, "")),
  fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => s.replace(/[0-9]/g, "")),
  fc.constantFrom("", " ", "\u00a0", "**", "%", "<u>", "](#)", "- ", "Page of"),
);

/** The letter's own headings and captions, out of place: they move the lines after them into another section. */
const structural = fc.constantFrom(
  "Complaints upheld",
  "Compliance with Ombudsman recommendations",
  "Satisfactory remedies provided by the authority",
  "Satisfactory remedy provided by the organisation",
  "upheld decisions",
  "satisfactory remedy decisions",
  "This compares to an average of",
  "Dear Sir or Madam",
  "Yours sincerely,",
  "Annual Review letter",
  "By email",
  "Chief Executive",
);

const slice = fc.record({ kind: fc.constant("slice" as const), from: fc.nat(), to: fc.nat() });
const deleteLines = fc.record({
  kind: fc.constant("deleteLines" as const),
  at: fc.nat(),
  count: fc.integer({ min: 1, max: 4 }),
});
const insertNoise = fc.record({ kind: fc.constant("insertLine" as const), at: fc.nat(), line: noise });
const insertLine = fc.record({
  kind: fc.constant("insertLine" as const),
  at: fc.nat(),
  line: fc.oneof(noise, structural),
});
const duplicateParagraph = fc.record({
  kind: fc.constant("duplicateParagraph" as const),
  from: fc.nat(),
  to: fc.nat(),
});

/**
 * Up to three mutations: losses (slices, deleted lines) with garbage and misplaced headings, or copies (duplicated
 * paragraphs) with garbage. Not a copy and a loss together, nor a copy and a misplaced heading (which moves the lines
 * after it away, a loss of sorts): a copy of one section's average put where another's was lost is the letter
 * stating a different figure, which no reader could tell from the real one.
 */
const mutations: fc.Arbitrary<Mutation[]> = fc.oneof(
  fc.array(fc.oneof(slice, deleteLines, insertLine), { minLength: 1, maxLength: 3 }),
  fc.array(fc.oneof(duplicateParagraph, insertNoise), { minLength: 1, maxLength: 3 }),
);

/** A statistics heading standing alone: copying it would move the statements after it (see above). */
const HEADING_ALONE =
  /^\s*(?:Complaints upheld|Compliance with Ombudsman recommendations|Satisfactory remed.*)\s*$/;

function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case "slice": {
      const a = m.from % (text.length + 1);
      const b = m.to % (text.length + 1);
      return text.slice(Math.min(a, b), Math.max(a, b));
    }
    case "deleteLines": {
      const lines = text.split("\n");
      lines.splice(m.at % (lines.length + 1), m.count);
      return lines.join("\n");
    }
    case "insertLine": {
      const lines = text.split("\n");
      lines.splice(m.at % (lines.length + 1), 0, m.line);
      return lines.join("\n");
    }
    case "duplicateParagraph": {
      const paragraphs = text.split("\n\n");
      const copy = paragraphs[m.from % paragraphs.length] as string;
      if (HEADING_ALONE.test(copy)) return text;
      paragraphs.splice(m.to % (paragraphs.length + 1), 0, copy);
      return paragraphs.join("\n\n");
    }
  }
}

describe("parseLetter on damaged real letters", () => {
  it("never throws, and never gives a figure the letter does not, without a warning for it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SAMPLES.length - 1 }), mutations, (i, applied) => {
        const mutant = applied.reduce(mutate, TEXT[i] as string);
        const result = parseLetter(mutant, FILE);
        expectWellFormed(result);
        if (result.ok) expectNoWrongFigure(result.value, ORIGINAL[i] as Letter);
      }),
      { numRuns: 500 },
    );
  });

  it("a letter cut anywhere is filed under its own council or refused, never under a place its sentences name", () => {
    // The body names places ("seminars in London, Bristol, Leeds and Birmingham"); without the addressee block a
    // fragment names no council, and must not be filed under one of those.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SAMPLES.length - 1 }), fc.nat(), fc.nat(), (i, from, to) => {
        const text = TEXT[i] as string;
        const [a, b] = [from % (text.length + 1), to % (text.length + 1)].sort((x, y) => x - y) as [
          number,
          number,
        ];
        const result = parseLetter(text.slice(a, b), FILE);
        expectWellFormed(result);
        if (result.ok) {
          const original = ORIGINAL[i] as Letter;
          // A council cut mid-name ("romsgrove District Council") is unknown, and says so.
          if (!warnedFor(result.value, "authority.type"))
            expect(result.value.authority).toEqual(original.authority);
          expect(result.value.year).toBe(original.year);
          expectNoWrongFigure(result.value, original);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("a figure never comes from another section, whichever lines around it are lost", () => {
    // Dropping any one to three lines of the statistics: each figure left is its own section's or is warned about.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: SAMPLES.length - 1 }),
        fc.uniqueArray(fc.nat(), { minLength: 1, maxLength: 3 }),
        (i, drops) => {
          const text = TEXT[i] as string;
          const lines = text.split("\n");
          const start = lines.indexOf("Complaints upheld");
          const statistics = lines.length - start;
          const dropped = new Set(drops.map((d) => start + (d % statistics)));
          const mutant = lines.filter((_, n) => !dropped.has(n)).join("\n");
          const result = parseLetter(mutant, FILE);
          expectWellFormed(result);
          if (result.ok) expectNoWrongFigure(result.value, ORIGINAL[i] as Letter);
        },
      ),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Cases the properties above found, kept as examples

describe("statistics out of place (cases the properties found)", () => {
  const lines = (i: number) => (TEXT[i] as string).split("\n");
  const BROMSGROVE = 1;
  const BURY = 2;
  const STOCKPORT = 4;

  function parsed(text: string): Letter {
    return letterFrom(text, FILE);
  }

  it("an average with no rate before it in its section is not read, as it may be another section's", () => {
    // The upheld rate and average lost, and the compliance average's paragraph copied in their place.
    const text = (TEXT[STOCKPORT] as string).replace(
      " \n59% of complaints we investigated were upheld.\n\nThis compares to an average of **67%** in similar authorities.",
      "This compares to an average of **100%** in similar authorities.",
    );
    const letter = parsed(text);
    expect(letter.stats.upheld?.similarAverage).toBeNull();
    expect(warnedFor(letter, "stats.upheld.similarAverage")).toBe(true);
    expectNoWrongFigure(letter, ORIGINAL[STOCKPORT] as Letter);
  });

  it("losing a heading and the lines around it never moves an average into the section before", () => {
    // Bromsgrove without its compliance heading, its upheld average and its compliance rate: the compliance
    // average (99%) now follows the upheld section's figures.
    const lost = [
      "Compliance with Ombudsman recommendations",
      "This compares to an average of **45%** in similar authorities.",
      "In **100%** of cases we were satisfied the authority had successfully implemented our recommendations.",
    ];
    const letter = parsed(
      lines(BROMSGROVE)
        .filter((line) => !lost.includes(line))
        .join("\n"),
    );
    expect(letter.stats.upheld?.similarAverage).toBeNull();
    expectNoWrongFigure(letter, ORIGINAL[BROMSGROVE] as Letter);
  });

  it("an average followed by another section's figures is not read, as a heading between them was lost", () => {
    // Bury's compliance average through its remedy rate lost: the remedy average follows the compliance rate.
    const all = lines(BURY);
    const from = all.indexOf("This compares to an average of **100%** in similar authorities.");
    const to = all.findIndex((line) => line.startsWith("In **0%** of upheld cases"));
    const letter = parsed([...all.slice(0, from), ...all.slice(to + 1)].join("\n"));
    expect(letter.stats.compliance?.rate).toBe(100);
    expect(letter.stats.compliance?.similarAverage).toBeNull();
    expectNoWrongFigure(letter, ORIGINAL[BURY] as Letter);
  });

  it("a rate line out of place does not open its section there when the letter gives that section's heading", () => {
    // Stockport with its remedy rate copied into the upheld section: the lines after it stay the upheld section's.
    const text = (TEXT[STOCKPORT] as string).replace(
      "59% of complaints we investigated were upheld.\n",
      "59% of complaints we investigated were upheld.\n\nThis compares to an average of **100%** in similar authorities.\n\nIn **0%** of upheld cases we found the authority had provided a satisfactory remedy before the complaint reached the Ombudsman.\n",
    );
    const letter = parsed(text);
    expect(letter.stats.upheld?.count).toBe(10);
    expect(letter.stats.upheld?.similarAverage).toBeNull();
    expect(letter.stats.remedy).toEqual((ORIGINAL[STOCKPORT] as Letter).stats.remedy);
    expectNoWrongFigure(letter, ORIGINAL[STOCKPORT] as Letter);
  });

  it("a count is a number standing before its caption, not one ending another line", () => {
    // A stray "upheld decisions" caption under "Annual Review letter 2020", with a stray heading above it.
    const text = (TEXT[0] as string).replace(
      "Annual Review letter 2020",
      "Complaints upheld\nAnnual Review letter 2020\nupheld decisions",
    );
    const result = parseLetter(text, FILE);
    expectWellFormed(result);
    if (result.ok) expect(result.value.stats.upheld?.count ?? null).toBeNull();
  });
});
