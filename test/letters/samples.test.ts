import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Letter, parseLetter } from "../../src/letters/index.ts";

const SAMPLES = "data/letters/2020";

function parseSample(name: string): Letter {
  const file = `${SAMPLES}/${name}.txt`;
  const result = parseLetter(readFileSync(file), file);
  if (!result.ok) throw result.error;
  return result.value;
}

/** upheld rate/avg/count/investigations; compliance rate/avg/outcomes; remedy rate/avg/count — from the issue. */
const FIGURES: Record<string, [number[], number[], number[]]> = {
  bury: [
    [40, 67, 6, 15],
    [100, 100, 6],
    [0, 11, 0],
  ],
  bromsgrove: [
    [40, 45, 2, 5],
    [100, 99, 2],
    [0, 20, 0],
  ],
  stockport: [
    [59, 67, 10, 17],
    [100, 100, 9],
    [0, 11, 0],
  ],
  sefton: [
    [81, 67, 13, 16],
    [100, 100, 10],
    [23, 11, 3],
  ],
};

describe("the five sample letters", () => {
  for (const [name, [upheld, compliance, remedy]] of Object.entries(FIGURES)) {
    it(`${name} parses to exactly the figures of its letter`, () => {
      const { stats, warnings } = parseSample(name);
      expect([
        stats.upheld?.rate,
        stats.upheld?.similarAverage,
        stats.upheld?.count,
        stats.upheld?.investigations,
      ]).toEqual(upheld);
      expect([stats.compliance?.rate, stats.compliance?.similarAverage, stats.compliance?.outcomes]).toEqual(
        compliance,
      );
      expect([stats.remedy?.rate, stats.remedy?.similarAverage, stats.remedy?.count]).toEqual(remedy);
      expect(stats.remedy?.investigations).toBe(upheld[3]);
      expect(warnings).toEqual([]);
    });
  }

  it("Bath and North East Somerset has no statistics, so all three are null and a warning says the section is missing", () => {
    const letter = parseSample("bath-and-north-east-somerset");
    expect(letter.stats).toEqual({ upheld: null, compliance: null, remedy: null, overview: null });
    expect(letter.warnings).toEqual([
      { field: "stats", code: "not_found", message: expect.stringMatching(/no statistics section/) },
    ]);
  });

  const PEOPLE: Record<string, [string, string, string | null, string]> = {
    bury: ["Mr", "Little", "metropolitan_borough", "Bury Metropolitan Borough Council"],
    bromsgrove: ["Mr", "Dicks", "district", "Bromsgrove District Council"],
    stockport: ["Ms", "Smith", "metropolitan_borough", "Stockport Metropolitan Borough Council"],
    sefton: ["Mr", "Johnson", "metropolitan_borough", "Sefton Metropolitan Borough Council"],
    "bath-and-north-east-somerset": ["Mr", "Godfrey", "unitary", "Bath and North East Somerset Council"],
  };
  for (const [name, [title, surname, type, council]] of Object.entries(PEOPLE)) {
    it(`${name}: year 2020, dated 22 July 2020, period April 2019 to March 2020, to ${title} ${surname}, a ${type}`, () => {
      const letter = parseSample(name);
      expect(letter.id).toBe(`${name}/2020`);
      expect(letter.year).toBe(2020);
      expect(letter.letterDate).toBe("2020-07-22");
      expect(letter.period).toEqual({ start: "2019-04-01", end: "2020-03-31" });
      expect(letter.recipient).toEqual({ title, surname, role: "Chief Executive" });
      expect(letter.authority).toMatchObject({ name: council, type });
      expect(letter.source).toEqual({
        file: `${SAMPLES}/${name}.txt`,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    });
  }
});

describe("concerns", () => {
  it("Bury's two late remedies are one remedy_delays concern quoting the letter", () => {
    const { concerns } = parseSample("bury");
    expect(concerns).toHaveLength(1);
    expect(concerns[0]).toMatchObject({ category: "remedy_delays", tone: "concern" });
    expect(concerns[0]?.summary).toMatch(/two cases/);
    expect(concerns[0]?.quote).toContain(
      "in two cases, remedies were not completed within the agreed timescales",
    );
  });

  it("Sefton: improvement on remedy timescales, late enquiries, witness summons, request to meet, training", () => {
    const { concerns } = parseSample("sefton");
    expect(concerns.map((c) => [c.category, c.tone])).toEqual([
      ["improvement", "praise"],
      ["slow_enquiry_responses", "concern"],
      ["witness_summons", "concern"],
      ["meeting_requested", "concern"],
      ["training", "praise"],
    ]);
    const [improvement, enquiries, summons, meeting, training] = concerns;
    expect(improvement?.quote).toMatch(/completing remedies within the agreed timescales has improved/);
    expect(enquiries?.summary).toMatch(/^Over a third of enquiries/);
    expect(enquiries?.quote).toContain(
      "Over a third of our enquiries were not responded to within the requested timescale.",
    );
    expect(summons?.summary).toBe("Witness summons threatened once and issued once");
    expect(summons?.quote).toContain("we threatened to use a witness summons in one case");
    expect(meeting?.quote).toContain("I would welcome the opportunity to meet with you");
    expect(training?.quote).toContain("We were pleased to deliver a complaint handling course to your staff");
  });

  for (const name of ["stockport", "bromsgrove", "bath-and-north-east-somerset"]) {
    it(`${name} has none: the paragraphs every letter shares are never concerns`, () => {
      expect(parseSample(name).concerns).toEqual([]);
    });
  }
});

describe("input that is not an annual review letter", () => {
  const cases: [string, string | Uint8Array, string][] = [
    ["an empty file", "", "file"],
    ["whitespace only", " \n\n\u00a0 \r\n", "file"],
    ["a binary file", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0xff, 0x00]), "file"],
    ["bytes that are not UTF-8", new Uint8Array([0x41, 0xc3, 0x28, 0x41]), "file"],
    [
      "an unrelated document",
      "Minutes of the Planning Committee\n\nDear members,\n\nThe meeting opened at 7pm.",
      "document",
    ],
    [
      "a page that only mentions the Ombudsman's annual review",
      "The Ombudsman publishes an annual review of local government complaints each July.",
      "document",
    ],
  ];
  for (const [what, input, field] of cases) {
    it(`${what} is a ParseError naming the file and why, never a half-filled record`, () => {
      const result = parseLetter(input, "inbox/thing.txt");
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.file).toBe("inbox/thing.txt");
      expect(result.error.field).toBe(field);
      expect(result.error.reason.length).toBeGreaterThan(5);
      expect(result.error.message).toContain("inbox/thing.txt");
    });
  }

  it("a letter to a council we cannot find in the addressee is a ParseError on the authority", () => {
    const text = readFileSync(`${SAMPLES}/stockport.txt`, "utf8").replace(
      "Stockport Metropolitan Borough Council",
      "Somewhere Else Trust",
    );
    const result = parseLetter(text, "odd.txt");
    expect(result.ok ? result.value.id : result.error.field).toBe("authority");
  });

  it("a council missing from the reference list is kept, with type null and a warning", () => {
    const text = readFileSync(`${SAMPLES}/stockport.txt`, "utf8").replace(
      "Stockport Metropolitan Borough Council",
      "Atlantis Borough Council",
    );
    const result = parseLetter(text, "atlantis.txt");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.authority).toEqual({
      name: "Atlantis Borough Council",
      shortName: "Atlantis",
      type: null,
    });
    expect(result.value.id).toBe("atlantis/2020");
    expect(result.value.warnings.map((w) => w.field)).toContain("authority.type");
  });
});

describe("internal checks", () => {
  it("an upheld rate that contradicts its counts is null with a warning naming it, never a plausible wrong value", () => {
    const text = readFileSync(`${SAMPLES}/sefton.txt`, "utf8").replace(
      "81% of complaints",
      "91% of complaints",
    );
    const result = parseLetter(text, "sefton.txt");
    // 13 of 16 investigations is backed by the remedy section's base (16) and rate (3 of 13 is 23%): the rate is
    // the figure nothing backs.
    expect(result.ok && result.value.stats.upheld).toMatchObject({
      rate: null,
      count: 13,
      investigations: 16,
    });
    expect(result.ok && result.value.warnings.map((w) => w.field)).toContain("stats.upheld.rate");
  });

  it("a figure stated twice with different values is null with a warning, never a guess", () => {
    const text = readFileSync(`${SAMPLES}/sefton.txt`, "utf8").replace(
      "This compares to an average of **67%** in similar authorities.",
      "This compares to an average of **67%** in similar authorities. This compares to an average of **68%** in similar authorities.",
    );
    const result = parseLetter(text, "sefton.txt");
    expect(result.ok && result.value.stats.upheld?.similarAverage).toBeNull();
    expect(result.ok && result.value.warnings.map((w) => w.field)).toContain("stats.upheld.similarAverage");
  });

  it("a statistics period that does not end on 31 March of the letter's year is warned about", () => {
    const text = readFileSync(`${SAMPLES}/bury.txt`, "utf8").replaceAll("31 March 2020", "30 March 2020");
    const result = parseLetter(text, "bury.txt");
    expect(result.ok && result.value.warnings.map((w) => w.field)).toContain("period.end");
  });
});
