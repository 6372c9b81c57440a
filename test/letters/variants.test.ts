import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { type Letter, type Metric, parseLetter } from "../../src/letters/index.ts";
import {
  averagesFor,
  expectedRecord,
  type Layout,
  type LetterSpec,
  PRAISE,
  randomSpec,
  seeded,
  WRITTEN_CATEGORIES,
  writeLetter,
} from "../../testkit/letters.ts";
import { asExpected, letterFrom } from "../support/records.ts";

/**
 * The real letters reach us in many shapes (DESIGN.md: "The letter"). Each test here takes the five bundled samples,
 * changes only their shape, and proves the parser reads the same record from the variant as from the original; then
 * it does the same for letters written from a spec, where the expected record is known independently of the parser.
 */

const SAMPLES = ["bath-and-north-east-somerset", "bromsgrove", "bury", "sefton", "stockport"] as const;
const TEXT = Object.fromEntries(
  SAMPLES.map((name) => [name, readFileSync(`data/letters/2020/${name}.txt`, "utf8")]),
) as Record<(typeof SAMPLES)[number], string>;
const WITH_STATISTICS = SAMPLES.filter((name) => name !== "bath-and-north-east-somerset");

const NBSP = "\u00a0";

function parse(text: string, file = "variant.txt"): Letter {
  return letterFrom(text, file);
}

/** Everything the parser read from a letter; only `source` (file name, hash) depends on the exact bytes. */
function content(letter: Letter): Omit<Letter, "source"> {
  const { source: _source, ...rest } = letter;
  return rest;
}

const ORIGINAL = Object.fromEntries(
  SAMPLES.map((name) => [name, content(parse(TEXT[name], `${name}.txt`))]),
) as Record<(typeof SAMPLES)[number], Omit<Letter, "source">>;

// ---------------------------------------------------------------------------------------------------------------
// Transforms: each changes how a letter is laid out, never what it says.

const crlf = (text: string) => text.replace(/\n/g, "\r\n");
const crOnly = (text: string) => text.replace(/\n/g, "\r");
const nbspEverywhere = (text: string) => text.replace(/ /g, NBSP);

/** Every third space, and every empty or whitespace-only line, becomes a non-breaking space. */
function strayNbsp(text: string): string {
  let n = 0;
  return text
    .replace(/ /g, () => (++n % 3 === 0 ? NBSP : " "))
    .split("\n")
    .map((line) => (line.trim() === "" ? NBSP : line))
    .join("\n");
}

/**
 * A page break in every paragraph over 250 characters: blank lines (every other time with a whitespace-only line
 * too) at a space past the middle, before a word in lower case, as the converter left them in the samples.
 */
function pageBreaks(text: string): string {
  let count = 0;
  return text
    .split("\n")
    .map((line) => {
      if (line.length < 250) return line;
      for (let i = Math.floor(line.length / 2); i < line.length - 1; i++) {
        if (line[i] === " " && /[a-z]/.test(line[i + 1] ?? "") && /[A-Za-z,;]/.test(line[i - 1] ?? "")) {
          const gap = count++ % 2 === 0 ? "\n\n" : `\n\n${NBSP}\n`;
          return `${line.slice(0, i)}${gap}${line.slice(i + 1)}`;
        }
      }
      return line;
    })
    .join("\n");
}

const linkText = (text: string) => text.replace(/\[([^\]]*)\]\(#\)/g, "$1").replace(/<u>(.*?)<\/u>/g, "$1");
const linksUnderlined = (text: string) => text.replace(/\[([^\]]*)\]\(#\)/g, "<u>$1</u>");
const linksMarkdown = (text: string) => text.replace(/<u>(.*?)<\/u>/g, "[$1](#)");
const plainFigures = (text: string) => text.replace(/\*\*(\d+%)\*\*/g, "$1");
const boldFigures = (text: string) => plainFigures(text).replace(/\b(\d+%)/g, "**$1**");

/** The addressee's lines (between "By email" and "Dear") joined into one, as in Bath and North East Somerset's. */
const addresseeOneLine = (text: string) =>
  text.replace(/(By email\n\n)([^\n]+(?:\n[^\n]+)+)(\n\nDear)/, (_m, head, block: string, tail) => {
    return `${head}${block.split("\n").join(" ")}${tail}`;
  });

/** "Mr Godfrey Chief Executive Bath and North East Somerset Council" split over three lines. */
const addresseeLines = (text: string) =>
  text.replace(/^((?:Mr|Ms|Mrs|Miss|Dr) [A-Z][\w'-]*) (Chief Executive) (.+ Council)$/m, "$1\n$2\n$3");

/** The later letters' statistics wording (2021 on): "organisation" for "authority" in the statistics. */
const laterWording = (text: string) =>
  text
    .replace(/in similar authorities/g, "in similar organisations")
    .replace(
      /Satisfactory remedies provided by the authority/g,
      "Satisfactory remedy provided by the organisation",
    )
    .replace(/the authority had/g, "the organisation had")
    .replace(/An authority with a compliance rate/g, "An organisation with a compliance rate");

const similarCouncils = (text: string) => text.replace(/in similar authorities/g, "in similar councils");

/** A Symbol-font bullet (U+F0B7), as PDF converters leave them, on a line above each of the shared paragraphs. */
const symbolLines = (text: string) =>
  text.replace(
    /\n(?=(?:This year, we continue|There are a range of resources|I would encourage you|Earlier this year|We have a well-established)\b)/g,
    "\n\uf0b7\n",
  );

/** "Dear Sir or Madam" for "Dear Mr Dicks": the name is then read from the address block. */
const dearSirOrMadam = (text: string) => text.replace(/^Dear .+$/m, "Dear Sir or Madam");

/** The ligatures a PDF's fonts leave in its text: every "fi", "fl" and "ff" as one character. */
const ligatures = (text: string) =>
  text
    .replaceAll("ffi", "\ufb03")
    .replaceAll("fi", "\ufb01")
    .replaceAll("fl", "\ufb02")
    .replaceAll("ff", "\ufb00");

/** Long words broken across lines by a hyphen, as justified PDF text breaks them ("investi-" / "gations"). */
const hyphenated = (text: string) =>
  text
    .replace(/\binvestigations\b/g, "investi-\ngations")
    .replace(/\brecommendations\b/g, "recommen- \ndations")
    .replace(/\bsatisfactory\b/g, "satis\u00ad\nfactory")
    .replace(/\bcomplaints\b/g, "com-\nplaints");

const everything = (text: string) =>
  crlf(pageBreaks(strayNbsp(laterWording(addresseeOneLine(boldFigures(linksUnderlined(text)))))));

const TRANSFORMS: [string, (text: string) => string][] = [
  ["a letter with CRLF line ends parses to the same record", crlf],
  ["a letter with bare CR line ends parses to the same record", crOnly],
  ["a letter with a non-breaking space in place of every space parses to the same record", nbspEverywhere],
  ["a letter with stray non-breaking spaces and NBSP-only blank lines parses to the same record", strayNbsp],
  ["a letter with page-break blank lines splitting sentences parses to the same record", pageBreaks],
  ["a letter with its links as <u>text</u> parses to the same record", linksUnderlined],
  ["a letter with its links as [text](#) parses to the same record", linksMarkdown],
  ["a letter with its links as bare text parses to the same record", linkText],
  ["a letter with plain percentages instead of **bold** parses to the same record", plainFigures],
  ["a letter with every percentage in **bold** parses to the same record", boldFigures],
  ["a letter with the addressee joined onto one line parses to the same record", addresseeOneLine],
  ["a letter with the addressee split over three lines parses to the same record", addresseeLines],
  ["a letter in the later years' statistics wording parses to the same record", laterWording],
  ["a letter comparing with 'similar councils' parses to the same record", similarCouncils],
  ["a letter with stray symbol lines above its shared paragraphs parses to the same record", symbolLines],
  [
    "a letter greeting 'Dear Sir or Madam' parses to the same record, the name read from the address",
    dearSirOrMadam,
  ],
  ["a letter with ligatures (ﬁ, ﬂ, ﬀ, ﬃ) parses to the same record", ligatures],
  [
    "a letter with words broken across lines by hyphens (and soft hyphens) parses to the same record",
    hyphenated,
  ],
  ["a letter with all of these changes at once parses to the same record", everything],
];

describe("layout variants of the five sample letters", () => {
  for (const [title, transform] of TRANSFORMS) {
    describe(title, () => {
      it.each(SAMPLES)("%s", (name) => {
        const variant = transform(TEXT[name]);
        expect(content(parse(variant))).toEqual(ORIGINAL[name]);
      });
      it("changes at least one of the samples (so the test proves something)", () => {
        expect(SAMPLES.some((name) => transform(TEXT[name]) !== TEXT[name])).toBe(true);
      });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Sections removed

const HEADING: Record<Metric, string> = {
  upheld: "Complaints upheld",
  compliance: "Compliance with Ombudsman recommendations",
  remedy: "Satisfactory remedies provided by the authority",
};

/** The letter without one statistics sub-section: from its heading line to the next heading, or the end. */
function withoutSection(text: string, metric: Metric): string {
  const lines = text.split("\n");
  const start = lines.lastIndexOf(HEADING[metric]);
  if (start < 0) throw new Error(`no ${metric} heading`);
  const others = Object.values(HEADING).filter((h) => h !== HEADING[metric]);
  let end = lines.findIndex((line, i) => i > start && others.includes(line));
  if (end < 0) end = lines.length;
  return [...lines.slice(0, start), ...lines.slice(end)].join("\n");
}

describe("a letter with a section removed", () => {
  for (const metric of ["upheld", "compliance", "remedy"] as const) {
    it.each(WITH_STATISTICS)(
      `%s without its '${HEADING[metric]}' section has that section null, a warning naming it, and the rest unchanged`,
      (name) => {
        const letter = content(parse(withoutSection(TEXT[name], metric)));
        const original = ORIGINAL[name];
        expect(letter.stats[metric]).toBeNull();
        expect(letter.warnings).toEqual([
          ...original.warnings,
          { field: `stats.${metric}`, code: "not_found", message: expect.stringMatching(/missing/) },
        ]);
        expect({ ...letter, warnings: [] }).toEqual({
          ...original,
          stats: { ...original.stats, [metric]: null },
          warnings: [],
        });
      },
    );
  }

  it.each(WITH_STATISTICS)(
    "%s without any statistics has all three null and one warning, as Bath's letter",
    (name) => {
      const text = TEXT[name];
      const letter = content(parse(text.slice(0, text.indexOf("\nComplaints upheld\n"))));
      expect(letter.stats).toEqual({ upheld: null, compliance: null, remedy: null, overview: null });
      expect(letter.warnings).toEqual([
        { field: "stats", code: "not_found", message: expect.stringMatching(/no statistics/) },
      ]);
      expect({ ...letter, stats: null, warnings: [] }).toEqual({
        ...ORIGINAL[name],
        stats: null,
        warnings: [],
      });
    },
  );

  it.each(SAMPLES)(
    "%s without its addressee block is refused, not filed under a place its sentences name",
    (name) => {
      const text = TEXT[name].replace(/(By email\n\n)[^\n]+(?:\n[^\n]+)*\n\n(?=Dear)/, "$1");
      expect(text).not.toContain("Chief Executive");
      const result = parseLetter(text, "variant.txt");
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.field).toBe("authority");
    },
  );

  it.each(SAMPLES)(
    "%s without its date has letterDate null, a warning naming it, and the rest unchanged",
    (name) => {
      const letter = content(parse(TEXT[name].replace("22 July 2020\n", "")));
      expect(letter.letterDate).toBeNull();
      expect(letter.warnings).toHaveLength(ORIGINAL[name].warnings.length + 1);
      expect(letter.warnings).toEqual(
        expect.arrayContaining([
          ...ORIGINAL[name].warnings,
          { field: "letterDate", code: "not_found", message: expect.any(String) },
        ]),
      );
      expect({ ...letter, letterDate: null, warnings: [] }).toEqual({
        ...ORIGINAL[name],
        letterDate: null,
        warnings: [],
      });
    },
  );
});

// ---------------------------------------------------------------------------------------------------------------
// Letters written from a spec

const AUTHORITIES = loadAuthorities().all;

function expectRoundTrip(spec: LetterSpec, label: string): void {
  const result = parseLetter(writeLetter(spec), `generated/${label}.txt`);
  if (!result.ok) throw new Error(`${label}: ${result.error.message}\n${JSON.stringify(spec)}`);
  expect(asExpected(result.value), `${label}: ${JSON.stringify(spec)}`).toEqual(expectedRecord(spec));
  for (const concern of result.value.concerns) {
    expect(concern.tone, `${label}: ${concern.category}`).toBe(
      PRAISE.has(concern.category) ? "praise" : "concern",
    );
  }
}

const BASE_LAYOUT: Layout = {
  lineEnd: "\n",
  nbsp: false,
  links: "markdown",
  bold: true,
  addressee: "lines",
  pageBreaks: false,
  furniture: false,
  splitNumbers: false,
};

const SEFTON_LIKE: LetterSpec = {
  authority: {
    name: "Sefton Metropolitan Borough Council",
    shortName: "Sefton",
    type: "metropolitan_borough",
  },
  recipient: { title: "Mr", surname: "Johnson", role: "Chief Executive" },
  year: 2020,
  letterDate: "2020-07-22",
  stats: {
    upheld: { rate: 81, similarAverage: 67, count: 13, investigations: 16, perHundredThousand: null },
    compliance: { rate: 100, similarAverage: 100, outcomes: 10 },
    remedy: { rate: 23, similarAverage: 11, count: 3, investigations: 16 },
    overview: null,
  },
  concerns: ["improvement", "slow_enquiry_responses", "witness_summons", "meeting_requested", "training"],
  layout: BASE_LAYOUT,
};

describe("letters written from a spec", () => {
  it("a letter written like Sefton's parses to exactly its spec", () => {
    expectRoundTrip(SEFTON_LIKE, "sefton-like");
  });

  it("a letter with every kind of concern parses to all of them, in the order the letter gives them", () => {
    expectRoundTrip({ ...SEFTON_LIKE, concerns: [...WRITTEN_CATEGORIES] }, "every-concern");
    expectRoundTrip(
      { ...SEFTON_LIKE, concerns: [...WRITTEN_CATEGORIES].reverse() },
      "every-concern-reversed",
    );
  });

  it("a letter without statistics parses with all three null and only the warning that says so", () => {
    expectRoundTrip({ ...SEFTON_LIKE, stats: null }, "no-statistics");
  });

  const OPTIONS: { [K in keyof Layout]: Layout[K][] } = {
    lineEnd: ["\n", "\r\n"],
    nbsp: [false, true],
    links: ["markdown", "underline", "bare"],
    bold: [true, false],
    addressee: ["lines", "oneLine"],
    pageBreaks: [false, true],
    furniture: [false, true],
    splitNumbers: [false, true],
  };
  for (const [option, values] of Object.entries(OPTIONS) as [keyof Layout, Layout[keyof Layout][]][]) {
    for (const value of values) {
      it(`a letter written with ${option} = ${JSON.stringify(value)} parses to exactly its spec`, () => {
        const layout = { ...BASE_LAYOUT, [option]: value };
        expectRoundTrip({ ...SEFTON_LIKE, layout }, `${option}-${String(value)}`);
        expectRoundTrip(
          { ...SEFTON_LIKE, concerns: [...WRITTEN_CATEGORIES], layout },
          `${option}-${String(value)}-all`,
        );
      });
    }
  }

  it("400 random letters parse to exactly the records they were written from, with no unexpected warnings", () => {
    const random = seeded(20200722);
    for (let i = 0; i < 400; i++) expectRoundTrip(randomSpec(random, AUTHORITIES), `random-${i}`);
  });

  it("random specs have consistent figures, fixed averages per year and type, and councils of their year", () => {
    const random = seeded(31);
    const averages = new Map<string, string>();
    let withoutStats = 0;
    const N = 4000;
    for (let i = 0; i < N; i++) {
      const spec = randomSpec(random, AUTHORITIES);
      expect(spec.year).toBeGreaterThanOrEqual(2019);
      expect(spec.year).toBeLessThanOrEqual(2025);
      expect(spec.letterDate.startsWith(`${spec.year}-${spec.year === 2025 ? "05" : "07"}-`)).toBe(true);
      expect(new Set(spec.concerns).size).toBe(spec.concerns.length);
      expect(spec.concerns.length).toBeLessThanOrEqual(3);
      const stats = spec.stats;
      if (!stats) {
        withoutStats++;
        continue;
      }
      const { upheld, compliance, remedy } = stats;
      expect(upheld.investigations).toBeLessThanOrEqual(200);
      expect(upheld.count).toBeLessThanOrEqual(upheld.investigations);
      // Rates over no cases are not calculable: null, never 0%.
      expect(upheld.rate).toBe(
        upheld.investigations ? Math.round((100 * upheld.count) / upheld.investigations) : null,
      );
      expect(remedy.count).toBeLessThanOrEqual(upheld.count);
      expect(remedy.rate).toBe(upheld.count ? Math.round((100 * remedy.count) / upheld.count) : null);
      // From 2021 the remedy rate's base is upheld decisions: the letter gives no investigations there.
      expect(remedy.investigations).toBe(spec.year <= 2020 ? upheld.investigations : null);
      if (compliance.rate !== null) {
        expect(compliance.rate).toBeGreaterThanOrEqual(0);
        expect(compliance.rate).toBeLessThanOrEqual(100);
      } else expect(compliance.outcomes).toBe(0);
      expect(upheld.perHundredThousand !== null).toBe(spec.year >= 2024);
      expect(stats.overview !== null).toBe(spec.year >= 2025);
      if (stats.overview) {
        const o = stats.overview;
        expect(o.investigated).toBe(upheld.investigations);
        expect(o.dealtWith).toBe(o.notForUs + o.assessedAndClosed + o.investigated);
      }
      if (upheld.similarAverage === null) continue;
      const key = `${spec.year}/${spec.authority.type}`;
      const these = `${upheld.similarAverage}/${compliance.similarAverage}/${remedy.similarAverage}`;
      expect(averages.get(key) ?? these, key).toBe(these);
      averages.set(key, these);
      const fixed = averagesFor(spec.year, spec.authority.type);
      expect(these).toBe(`${fixed.upheld}/${fixed.compliance}/${fixed.remedy}`);
    }
    expect(withoutStats / N).toBeGreaterThan(0.03);
    expect(withoutStats / N).toBeLessThan(0.07);
  });

  it("the same seed gives the same letters", () => {
    const a = seeded(7);
    const b = seeded(7);
    for (let i = 0; i < 20; i++) {
      expect(writeLetter(randomSpec(a, AUTHORITIES))).toBe(writeLetter(randomSpec(b, AUTHORITIES)));
    }
  });
});
