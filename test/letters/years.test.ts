import { describe, expect, it } from "vitest";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { type Letter, parseLetter } from "../../src/letters/index.ts";
import {
  expectedRecord,
  type Layout,
  type LetterSpec,
  randomSpec,
  seeded,
  WRITTEN_CATEGORIES,
  writeLetter,
  YEARS,
} from "../../testkit/letters.ts";
import { committeeReport, complaintsAnnualReport, pressRelease } from "../fixtures/documents.ts";
import { PLAIN_LAYOUT as PLAIN, seftonIn as sefton } from "../fixtures/specs.ts";
import { asExpected, letterFrom } from "../support/records.ts";

/** Every layout of 2019–2025 (LETTER-FORMATS.md): every figure right, or null with a warning; none wrong. */

const AUTHORITIES = loadAuthorities().all;

function parsed(text: string, file = "generated.txt"): Letter {
  return letterFrom(text, file);
}

/** Sefton's figures in the layout of `year`, written with `layout`. */
function seftonIn(year: number, layout: Layout = PLAIN): LetterSpec {
  return { ...sefton(year), layout };
}

describe("letters in the layout of every year, 2019–2025", () => {
  for (const year of YEARS) {
    it(`a ${year} letter parses to exactly the record it was written from`, () => {
      const spec = seftonIn(year);
      expect(asExpected(parsed(writeLetter(spec)))).toEqual(expectedRecord(spec));
    });

    it(`a ${year} letter with page furniture inside sentences, figures split from their words and page breaks parses the same`, () => {
      const spec = seftonIn(year, {
        ...PLAIN,
        furniture: true,
        splitNumbers: true,
        pageBreaks: true,
        nbsp: true,
      });
      spec.concerns = [...WRITTEN_CATEGORIES];
      expect(asExpected(parsed(writeLetter(spec)))).toEqual(expectedRecord(spec));
    });

    it(`300 random ${year} letters parse to exactly their specs`, () => {
      const random = seeded(year);
      for (let i = 0; i < 300; i++) {
        const spec = randomSpec(random, AUTHORITIES, { year });
        const label = `${year}-${i}: ${JSON.stringify(spec)}`;
        expect(asExpected(parsed(writeLetter(spec))), label).toEqual(expectedRecord(spec));
      }
    });
  }

  it("2024 and 2025 letters give upheld decisions per 100,000 residents and the average for the type, to one decimal", () => {
    for (const year of [2024, 2025]) {
      expect(parsed(writeLetter(seftonIn(year))).stats.upheld?.perHundredThousand).toEqual({
        value: 4.8,
        similarAverage: 4.5,
      });
    }
    expect(parsed(writeLetter(seftonIn(2023))).stats.upheld?.perHundredThousand).toBeNull();
  });

  it("a stray % in the per-100,000 sentences is still read as the per-residents figure, never as a rate", () => {
    const text = writeLetter(seftonIn(2024))
      .replace("this is 4.8 upheld", "this is 4.8% upheld")
      .replace("type is 4.5 upheld", "type is 4.5% upheld");
    const letter = parsed(text);
    expect(letter.stats.upheld).toMatchObject({
      rate: 81,
      similarAverage: 67,
      perHundredThousand: { value: 4.8, similarAverage: 4.5 },
    });
  });

  it("the 2025 overview's four counts are kept apart: 231 dealt with is never the investigations", () => {
    const letter = parsed(writeLetter(seftonIn(2025)));
    expect(letter.stats.overview).toEqual({
      dealtWith: 231,
      notForUs: 87,
      assessedAndClosed: 128,
      investigated: 16,
    });
    expect(letter.stats.upheld).toMatchObject({ count: 13, investigations: 16, rate: 81 });
    expect(letter.letterDate).toBe("2025-05-21");
    expect(letter.year).toBe(2025);
  });

  it("2021 on, the remedy rate's base is upheld decisions: no investigations are invented for it", () => {
    const letter = parsed(writeLetter(seftonIn(2022)));
    expect(letter.stats.remedy).toEqual({ rate: 23, similarAverage: 11, count: 3, investigations: null });
    expect(letter.warnings).toEqual([]);
  });

  it("a base with or without 'detailed' is read", () => {
    const text = writeLetter(seftonIn(2023)).replace("16 detailed investigations", "16 investigations");
    expect(parsed(text).stats.upheld?.investigations).toBe(16);
  });

  it("an average printed as n/a is null with a warning", () => {
    const text = writeLetter(seftonIn(2024)).replace("average of 67%", "average of n/a");
    const letter = parsed(text);
    expect(letter.stats.upheld?.similarAverage).toBeNull();
    expect(letter.warnings.map((w) => w.field)).toContain("stats.upheld.similarAverage");
    expect(letter.stats.upheld?.rate).toBe(81);
  });

  it("zero investigations: the rates are null with a warning, never 0%", () => {
    for (const year of YEARS) {
      const spec = seftonIn(year);
      if (!spec.stats) continue;
      spec.stats.upheld = { ...spec.stats.upheld, rate: null, count: 0, investigations: 0 };
      spec.stats.remedy = {
        ...spec.stats.remedy,
        rate: null,
        count: 0,
        investigations: year <= 2020 ? 0 : null,
      };
      if (spec.stats.overview)
        spec.stats.overview = { dealtWith: 215, notForUs: 87, assessedAndClosed: 128, investigated: 0 };
      const letter = parsed(writeLetter(spec));
      expect(letter.stats.upheld?.rate, String(year)).toBeNull();
      expect(letter.stats.remedy?.rate, String(year)).toBeNull();
      const fields = letter.warnings.map((w) => w.field);
      expect(fields, String(year)).toContain("stats.upheld.rate");
      expect(fields, String(year)).toContain("stats.remedy.rate");
      expect(asExpected(letter)).toEqual(expectedRecord(spec));
    }
  });

  it("no compliance outcomes: the compliance rate is null with a warning and the outcomes are 0", () => {
    const spec = seftonIn(2022);
    if (spec.stats) spec.stats.compliance = { rate: null, similarAverage: 99, outcomes: 0 };
    const letter = parsed(writeLetter(spec));
    expect(letter.stats.compliance).toEqual({ rate: null, similarAverage: 99, outcomes: 0 });
    expect(letter.warnings.map((w) => w.field)).toEqual(["stats.compliance.rate"]);
  });

  it("each year's letter is signed by that year's Ombudsman, and 2025's is dated in May", () => {
    expect(writeLetter(seftonIn(2020))).toContain("Michael King");
    expect(writeLetter(seftonIn(2023))).toContain("Paul Najsarek");
    expect(writeLetter(seftonIn(2025))).toContain("Amerdeep Somal");
    expect(parsed(writeLetter(seftonIn(2025))).letterDate).toBe("2025-05-21");
  });
});

describe("the addressee", () => {
  it("a vacant post ('Dear Chief Executive', no name) is read without inventing a name or a warning", () => {
    const spec = { ...seftonIn(2024), recipient: { title: null, surname: null, role: "Chief Executive" } };
    const letter = parsed(writeLetter(spec));
    expect(letter.recipient).toEqual({ title: null, surname: null, role: "Chief Executive" });
    expect(letter.warnings).toEqual([]);
  });

  // Real letters print the full name in the address ("Ms Joanne Roney OBE"), and not every salutation has a title.
  it.each([
    ["Ms Joanne Roney OBE", "Dear Ms Roney", { title: "Ms", surname: "Roney" }],
    ["Ms Joanne Roney", "Dear Chief Executive", { title: "Ms", surname: "Roney" }],
    ["Ms Joanne Roney OBE", "Dear Joanne Roney", { title: "Ms", surname: "Roney" }],
    ["Ms Joanne Roney", "Dear Joanne", { title: "Ms", surname: "Roney" }],
    ["Joanne Roney OBE", "Dear Joanne", { title: null, surname: "Roney" }],
    ["Alison McKenzie-Folan", "Dear Alison McKenzie-Folan", { title: null, surname: "McKenzie-Folan" }],
    ["Dr Ian O'Brien, CBE", "Dear Colleague", { title: "Dr", surname: "O'Brien" }],
  ])(
    "an address line %j greeted %j is to %j, the surname never a first name or honours",
    (person, dear, who) => {
      const spec = {
        ...seftonIn(2023),
        recipient: { title: "Mr", surname: "Johnson", role: "Chief Executive" },
      };
      const text = writeLetter(spec)
        .replace(/^Mr Johnson$/m, person)
        .replace(/^Dear Mr Johnson$/m, dear);
      expect(text).toContain(`\n${person}\n`);
      const letter = parsed(text);
      expect(letter.recipient).toEqual({ ...who, role: "Chief Executive" });
      expect(letter.warnings).toEqual([]);
    },
  );

  it("a salutation to a post ('Dear Council Leader') is not read as a name", () => {
    const spec = {
      ...seftonIn(2023),
      recipient: { title: "Mr", surname: "Johnson", role: "Chief Executive" },
    };
    const text = writeLetter(spec)
      .replace(/^Mr Johnson\n/m, "")
      .replace(/^Dear Mr Johnson$/m, "Dear Council Leader");
    expect(parsed(text).recipient).toEqual({ title: null, surname: null, role: "Chief Executive" });
  });

  it.each([
    "Interim Chief Executive",
    "Managing Director",
    "Head of Paid Service",
    "Chief Executive and Head of Paid Service",
    "Chief Operating Officer and Head of Paid Service",
  ])("a letter to the %s names that role", (role) => {
    const spec = { ...seftonIn(2021), recipient: { title: "Ms", surname: "Okafor", role } };
    expect(parsed(writeLetter(spec)).recipient).toEqual({ title: "Ms", surname: "Okafor", role });
    expect(parsed(writeLetter({ ...spec, layout: { ...PLAIN, addressee: "oneLine" } })).recipient).toEqual({
      title: "Ms",
      surname: "Okafor",
      role,
    });
  });

  it.each([
    ["Sutton London Borough Council", "London Borough of Sutton", "london_borough"],
    ["London Borough of Ealing", "London Borough of Ealing", "london_borough"],
    ["Bromsgrove Council", "Bromsgrove District Council", "district"],
    ["Harrogate Council", "Harrogate Borough Council", "district"],
  ] as const)("a letter addressed to %s is filed under %s", (addressedAs, name, type) => {
    const council = AUTHORITIES.find((a) => a.name === name);
    if (!council) throw new Error(name);
    const spec: LetterSpec = {
      ...seftonIn(2022),
      authority: { name: council.name, shortName: council.shortName, type: council.type },
      addressedAs,
    };
    if (spec.stats) spec.stats.upheld.similarAverage = 70;
    expect(parsed(writeLetter(spec)).authority).toEqual({ name, shortName: council.shortName, type });
  });

  it("a new council's first letter that names its predecessor first is filed under the addressee", () => {
    const council = AUTHORITIES.find((a) => a.name === "North Yorkshire Council");
    if (!council) throw new Error("North Yorkshire Council");
    const spec: LetterSpec = {
      ...seftonIn(2024),
      authority: { name: council.name, shortName: council.shortName, type: council.type },
      predecessor: "North Yorkshire County Council",
    };
    const text = writeLetter(spec);
    expect(text.indexOf("North Yorkshire County Council")).toBeGreaterThan(0);
    const letter = parsed(text);
    expect(letter.id).toBe("north-yorkshire/2024");
    expect(letter.authority.type).toBe("unitary");
    // The predecessor line in the address block itself (a "Re:" line above the addressee) does not win either.
    const above = text.replace(
      "Mr Johnson\n",
      "Re: North Yorkshire County Council complaints\n\nMr Johnson\n",
    );
    expect(parsed(above).id).toBe("north-yorkshire/2024");
  });
});

describe("documents that are not letters are refused with a reason", () => {
  const documents = {
    "a committee report": committeeReport,
    "a committee report with the letter as an appendix": (spec: LetterSpec) =>
      committeeReport(spec, { appendix: true }),
    "a complaints annual report": complaintsAnnualReport,
    "a press release quoting the letter's figures and headings": pressRelease,
  };
  for (const [what, write] of Object.entries(documents)) {
    it(`${what} is refused, naming the document`, () => {
      for (const year of YEARS) {
        const result = parseLetter(write(seftonIn(year)), "report.txt");
        expect(result.ok, `${what} ${year}`).toBe(false);
        if (!result.ok) {
          expect(result.error.field).toBe("document");
          expect(result.error.reason).toMatch(/is not an Ombudsman annual review letter/);
        }
      }
    });
  }

  it("a letter missing its signature is refused: a letter is signed by the Ombudsman", () => {
    const text = writeLetter(seftonIn(2024)).replace(/Yours sincerely,[\s\S]*?Chair, Commission[^\n]*\n/, "");
    const result = parseLetter(text, "unsigned.txt");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toMatch(/signed/);
  });

  it("another ombudsman's annual letter (the Housing Ombudsman's to a landlord) is refused, naming it", () => {
    const text = writeLetter(seftonIn(2024))
      .replace(/Local Government (?:and|&) Social Care/gi, "Housing")
      .replace(/Local Government/g, "Housing");
    const result = parseLetter(text, "landlord.txt");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe("document");
      expect(result.error.reason).toMatch(/it is from the Housing Ombudsman/);
    }
  });

  it("a letter that mentions the Housing Ombudsman in passing is still our letter", () => {
    const text = writeLetter(seftonIn(2024)).replace(
      /\n(Yours sincerely)/,
      "\nWe continue to work with the Housing Ombudsman on complaints that cross both our jurisdictions.\n\n$1",
    );
    expect(parseLetter(text, "joint.txt").ok).toBe(true);
  });

  it("two letters in one file are refused", () => {
    const result = parseLetter(`${writeLetter(seftonIn(2023))}\n\n${writeLetter(seftonIn(2024))}`, "two.txt");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toMatch(/more than one letter/);
  });
});
