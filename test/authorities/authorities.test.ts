import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AUTHORITIES_FILE, AuthoritiesError, loadAuthorities, nameKey } from "../../src/authorities/index.ts";
import { AuthoritiesFile } from "../../src/authorities/schema.ts";

const index = loadAuthorities();
const all = index.all;

describe("data/authorities.json", () => {
  it("validates against its zod schema", () => {
    expect(AuthoritiesFile.safeParse(JSON.parse(readFileSync(AUTHORITIES_FILE, "utf8"))).success).toBe(true);
  });

  it("has unique names, short names and ONS codes", () => {
    const unique = (values: string[]) => new Set(values.map((v) => v.toLowerCase())).size === values.length;
    expect(unique(all.map((a) => a.name))).toBe(true);
    expect(unique(all.map((a) => a.shortName))).toBe(true);
    expect(unique(all.flatMap((a) => (a.onsCode ? [a.onsCode] : [])))).toBe(true);
  });

  it("gives no alias that is another council's name, short name or alias", () => {
    const owner = new Map<string, string>();
    for (const a of all) {
      for (const key of new Set([a.name, a.shortName, ...a.aliases].map(nameKey))) {
        expect(owner.get(key), `${key} (${a.name})`).toBeUndefined();
        owner.set(key, a.name);
      }
    }
  });

  it("codes each council with the ONS prefix of its type", () => {
    const prefix = {
      unitary: "E06",
      district: "E07",
      metropolitan_borough: "E08",
      london_borough: "E09",
      county: "E10",
    };
    for (const a of all) if (a.onsCode) expect(a.onsCode.slice(0, 3), a.name).toBe(prefix[a.type]);
  });

  it("holds every kind of English principal council, in the numbers England has had since 2019", () => {
    const count = (type: string) => all.filter((a) => a.type === type).length;
    expect(count("metropolitan_borough")).toBe(36);
    expect(count("london_borough")).toBe(33); // 32 boroughs and the City of London
    expect(count("county")).toBeGreaterThanOrEqual(26);
    expect(count("district")).toBeGreaterThanOrEqual(180);
    expect(count("unitary")).toBeGreaterThanOrEqual(55);
    const current = all.filter((a) => a.abolished === null);
    expect(current.length).toBe(317); // England's principal councils since April 2023
    expect(index.lookup("City of London")[0]?.type).toBe("london_borough");
    expect(index.lookup("Isles of Scilly")[0]?.type).toBe("unitary");
  });

  it("has the five sample councils with the right type", () => {
    expect(index.lookup("Sefton")[0]?.type).toBe("metropolitan_borough");
    expect(index.lookup("Bury")[0]?.type).toBe("metropolitan_borough");
    expect(index.lookup("Stockport")[0]?.type).toBe("metropolitan_borough");
    expect(index.lookup("Bromsgrove")[0]?.type).toBe("district");
    expect(index.lookup("Bath and North East Somerset")[0]?.type).toBe("unitary");
  });
});

describe("finding a council by name", () => {
  it("knows aliases in common use, in any case and punctuation", () => {
    for (const alias of [
      "BANES",
      "b&nes",
      "Bath & North East Somerset",
      "bath and north east somerset council",
    ]) {
      expect(
        index.lookup(alias).map((a) => a.shortName),
        alias,
      ).toEqual(["Bath and North East Somerset"]);
    }
    expect(index.lookup("Sefton MBC").map((a) => a.shortName)).toEqual(["Sefton"]);
    expect(index.lookup("Sefton Council").map((a) => a.shortName)).toEqual(["Sefton"]);
  });

  it("tells a county council from the unitary that succeeded it by the letter's year", () => {
    expect(index.lookup("Somerset County Council").map((a) => a.type)).toEqual(["county"]);
    expect(index.findIn("Chief Executive\nSomerset Council", 2024)?.type).toBe("unitary");
  });

  it("finds the council in an addressee written on one line", () => {
    expect(
      index.findIn("Mr Godfrey Chief Executive Bath and North East Somerset Council", 2020)?.shortName,
    ).toBe("Bath and North East Somerset");
  });

  it("a broken reference file is an AuthoritiesError naming the file", () => {
    expect(() => loadAuthorities("package.json")).toThrow(AuthoritiesError);
    expect(() => loadAuthorities("package.json")).toThrow(/package\.json/);
  });
});
