import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseLetter } from "../../src/letters/parse.ts";
import type { Letter } from "../../src/letters/schema.ts";
import { countFigures } from "../../src/store/changes.ts";
import { ingestLetters, ingestPaths } from "../../src/store/ingest.ts";
import { SCHEMA_VERSION } from "../../src/store/schema.ts";
import { readStore } from "../../src/store/store.ts";
import { readdressed, SAMPLES, tempDir } from "../support/tmp.ts";

/** A sample letter as the parser reads it: the tests edit copies, so they do not hang on how the parser reads. */
function sample(name: string): Letter {
  const file = `${SAMPLES}/${name}.txt`;
  const result = parseLetter(readFileSync(file), file);
  if (!result.ok) throw new Error(`${file}: ${result.error.reason}`);
  return result.value;
}

/** A copy of `letter` edited by `edit`, as another file (or another parser) would give it: another sha256. */
function variant(letter: Letter, edit: (copy: Letter) => void, file = letter.source.file): Letter {
  const copy = structuredClone(letter);
  edit(copy);
  copy.source = { file, sha256: letter.source.sha256.replace(/^./, (c) => (c === "0" ? "1" : "0")) };
  return copy;
}

async function storeWith(...letters: Letter[]): Promise<string> {
  const store = join(tempDir(), "db.json");
  await ingestLetters(store, letters);
  return store;
}

const storedLetter = async (store: string, id: string) =>
  (await readStore(store)).data.letters.find((l) => l.id === id);

describe("an ingest", () => {
  it("never replaces a stored letter with a record that has fewer figures: it keeps the stored one and reports the file", async () => {
    const sefton = sample("sefton");
    const store = await storeWith(sefton, sample("bury"));
    const before = readFileSync(store);
    const figures = countFigures(sefton);
    const thinner = variant(
      sefton,
      (l) => {
        if (l.stats.upheld) l.stats.upheld.rate = null;
        l.stats.remedy = null;
      },
      "data/letters/2020/sefton-rescan.txt",
    );
    const fewer = countFigures(thinner);
    expect(fewer).toBeLessThan(figures);

    const report = await ingestLetters(store, [thinner]);
    expect(report).toMatchObject({ added: [], updated: [], unchanged: [], failed: [] });
    expect(report.kept).toEqual([
      {
        id: "sefton/2020",
        file: "data/letters/2020/sefton-rescan.txt",
        reason: `has ${fewer} figures where the stored letter (from data/letters/2020/sefton.txt) has ${figures}; stored letter kept; use --replace to replace it`,
      },
    ]);
    expect(await storedLetter(store, "sefton/2020")).toEqual(sefton);
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it("keeps the stored letter while the rest of the batch is still stored", async () => {
    const store = await storeWith(sample("sefton"));
    const thinner = variant(sample("sefton"), (l) => {
      l.stats.compliance = null;
    });
    const report = await ingestLetters(store, [thinner, sample("bury")]);
    expect(report.added).toEqual(["bury/2020"]);
    expect(report.kept.map((k) => k.id)).toEqual(["sefton/2020"]);
    expect((await readStore(store)).data.letters.map((l) => l.id)).toEqual(["bury/2020", "sefton/2020"]);
    expect((await storedLetter(store, "sefton/2020"))?.stats.compliance).not.toBeNull();
  });

  it("replaces a stored letter with a record of as many figures or more", async () => {
    const sefton = sample("sefton");
    const store = await storeWith(sefton);
    const same = variant(sefton, (l) => {
      if (l.stats.upheld) l.stats.upheld.rate = 79;
    });
    const report = await ingestLetters(store, [same]);
    expect(report.kept).toEqual([]);
    expect(report.updated.map((u) => u.id)).toEqual(["sefton/2020"]);
    expect((await storedLetter(store, "sefton/2020"))?.stats.upheld?.rate).toBe(79);
  });

  it("with --replace it replaces it", async () => {
    const sefton = sample("sefton");
    const store = await storeWith(sefton);
    const thinner = variant(sefton, (l) => {
      if (l.stats.upheld) l.stats.upheld.rate = null;
    });
    const report = await ingestLetters(store, [thinner], { replace: true });
    expect(report.kept).toEqual([]);
    expect(report.updated).toEqual([
      {
        id: "sefton/2020",
        file: sefton.source.file,
        changes: [`stats.upheld.rate ${sefton.stats.upheld?.rate} → null`],
      },
    ]);
    expect((await storedLetter(store, "sefton/2020"))?.stats.upheld?.rate).toBeNull();
  });

  it("with --replace from files replaces it too (ingestPaths passes the option on)", async () => {
    const store = join(tempDir(), "db.json");
    const file = `${SAMPLES}/sefton.txt`;
    const parsed = sample("sefton");
    // A stored record with more figures than the file gives: the 2024 per-100,000 figures.
    const richer = variant(parsed, (l) => {
      if (l.stats.upheld) l.stats.upheld.perHundredThousand = { value: 4.8, similarAverage: 4.5 };
    });
    await ingestLetters(store, [richer]);
    expect((await ingestPaths(store, [file])).kept.map((k) => k.file)).toEqual([file]);
    const replaced = await ingestPaths(store, [file], { replace: true });
    expect(replaced.kept).toEqual([]);
    expect(replaced.updated[0]?.changes).toEqual([
      "stats.upheld.perHundredThousand.value 4.8 → null",
      "stats.upheld.perHundredThousand.similarAverage 4.5 → null",
    ]);
    expect((await storedLetter(store, "sefton/2020"))?.stats.upheld?.perHundredThousand).toBeNull();
  });

  it("an update says what changed: figures, concerns and warnings counts, the source file", async () => {
    const sefton = sample("sefton");
    const store = await storeWith(
      variant(sefton, (l) => {
        l.warnings = [
          { field: "stats.upheld.count", code: "inconsistent", message: "could not be read with certainty" },
        ];
      }),
    );
    const concerns = sefton.concerns.length;
    const revised = variant(
      sefton,
      (l) => {
        if (!l.stats.upheld) throw new Error("Sefton's letter has upheld figures");
        l.stats.upheld.rate = 79;
        l.stats.upheld.perHundredThousand = { value: 4.8, similarAverage: null };
        l.concerns.push({ category: "training", tone: "praise", summary: "Training taken up", quote: "…" });
        l.warnings = [];
      },
      "data/letters/2020/sefton-revised.pdf",
    );
    const report = await ingestLetters(store, [revised]);
    expect(report.updated).toEqual([
      {
        id: "sefton/2020",
        file: "data/letters/2020/sefton-revised.pdf",
        changes: [
          `stats.upheld.rate ${sefton.stats.upheld?.rate} → 79`,
          "stats.upheld.perHundredThousand.value null → 4.8",
          `concerns: ${concerns} → ${concerns + 1}`,
          "warnings: 1 → 0",
          "source.file data/letters/2020/sefton.txt → data/letters/2020/sefton-revised.pdf",
        ],
      },
    ]);
  });

  it("an update names dates, recipient and a whole stat appearing, at most ten changes and then how many more", async () => {
    const bath = sample("bath-and-north-east-somerset"); // no statistics at all
    const store = await storeWith(bath);
    const revised = variant(bath, (l) => {
      l.letterDate = "2020-07-23";
      if (l.recipient) l.recipient.surname = "Newman";
      l.stats.upheld = {
        rate: 50,
        similarAverage: 55,
        count: 5,
        investigations: 10,
        perHundredThousand: null,
      };
      l.stats.compliance = { rate: 100, similarAverage: 100, outcomes: 4 };
      l.stats.overview = { dealtWith: 120, notForUs: 40, assessedAndClosed: 70, investigated: 10 };
    });
    const [update] = (await ingestLetters(store, [revised])).updated;
    expect(update?.changes).toEqual([
      "letterDate 2020-07-22 → 2020-07-23",
      `recipient.surname ${bath.recipient?.surname} → Newman`,
      "stats.upheld.rate null → 50",
      "stats.upheld.similarAverage null → 55",
      "stats.upheld.count null → 5",
      "stats.upheld.investigations null → 10",
      "stats.compliance.rate null → 100",
      "stats.compliance.similarAverage null → 100",
      "stats.compliance.outcomes null → 4",
      "stats.overview.dealtWith null → 120",
      "and 3 more",
    ]);
  });

  it("the same file again is unchanged, whatever its figures", async () => {
    const store = await storeWith(sample("bath-and-north-east-somerset"));
    const report = await ingestLetters(store, [sample("bath-and-north-east-somerset")]);
    expect(report).toMatchObject({
      added: [],
      updated: [],
      kept: [],
      unchanged: ["bath-and-north-east-somerset/2020"],
    });
  });
});

describe("a version-1 store", () => {
  it("is migrated on load, keeping every letter; the next ingest writes it at the current version", async () => {
    const fixture = readFileSync("test/fixtures/store-v1.json", "utf8");
    const old = JSON.parse(fixture);
    const store = join(tempDir(), "db.json");
    writeFileSync(store, fixture);

    const [wirral] = readdressed(tempDir(), ["Wirral Metropolitan Borough Council"]);
    const report = await ingestPaths(store, [wirral as string]);
    expect(report).toMatchObject({ added: ["wirral/2020"], updated: [], kept: [], failed: [] });

    const raw = JSON.parse(readFileSync(store, "utf8"));
    expect(raw.schemaVersion).toBe(SCHEMA_VERSION);
    expect(raw.letters.map((l: Letter) => l.id)).toEqual([
      ...old.letters.map((l: Letter) => l.id),
      "wirral/2020",
    ]);
    for (const letter of raw.letters as Letter[]) {
      expect(letter.stats.overview).toBeNull();
      if (letter.stats.upheld) expect(letter.stats.upheld.perHundredThousand).toBeNull();
    }
    // Apart from the new keys (two figures, and each warning's code), each old letter is exactly as it was.
    const withoutNewKeys = (letter: Letter) => {
      const { overview: _, ...stats } = letter.stats;
      const upheld = stats.upheld && (({ perHundredThousand: __, ...rest }) => rest)(stats.upheld);
      const warnings = letter.warnings.map(({ field, message }) => ({ field, message }));
      return { ...letter, stats: { ...stats, upheld }, warnings };
    };
    expect(raw.letters.slice(0, old.letters.length).map(withoutNewKeys)).toEqual(old.letters);
    expect(raw.subscriptions).toEqual(old.subscriptions);
    expect(raw.digests).toEqual(old.digests);
    expect(raw.ingested.slice(0, old.ingested.length)).toEqual(old.ingested);
  });

  it("is not rewritten by an ingest that changes nothing", async () => {
    const fixture = readFileSync("test/fixtures/store-v1.json", "utf8");
    const store = join(tempDir(), "db.json");
    writeFileSync(store, fixture);
    const mtime = statSync(store).mtimeMs;
    const { data } = await readStore(store);
    const report = await ingestLetters(store, data.letters);
    expect(report.unchanged).toHaveLength(5);
    expect(readFileSync(store, "utf8")).toBe(fixture);
    expect(statSync(store).mtimeMs).toBe(mtime);
  });
});

describe("paragraphs every council got, across an ingest", () => {
  const SHARED =
    "We were concerned to see that councils have taken too long to respond to our enquiries this year, and I ask your Council to review how it responds to us.";

  /** A sample letter with `paragraph` written in before the sign-off, filed under its own council. */
  function withParagraph(name: string, paragraph: string): Letter {
    const file = `${SAMPLES}/${name}.txt`;
    const text = readFileSync(file, "utf8").replace("Yours sincerely,", `${paragraph}\n\nYours sincerely,`);
    const result = parseLetter(text, file);
    if (!result.ok) throw new Error(`${file}: ${result.error.reason}`);
    return result.value;
  }

  it("a paragraph that three councils' letters of one year share is not a concern, even ingested one at a time", async () => {
    const store = join(tempDir(), "db.json");
    const names = ["bury", "sefton", "stockport"];
    for (const name of names) {
      const letter = withParagraph(name, SHARED);
      expect(letter.concerns.some((c) => c.quote.includes("councils have taken too long"))).toBe(true);
      await ingestLetters(store, [letter]);
    }
    const { letters } = (await readStore(store)).data;
    for (const name of names) {
      const letter = letters.find((l) => l.id === `${name}/2020`);
      expect(
        letter?.concerns.some((c) => c.quote.includes("councils have taken too long")),
        name,
      ).toBe(false);
    }
    // Each letter's own concerns are kept.
    expect(letters.find((l) => l.id === "sefton/2020")?.concerns.map((c) => c.category)).toContain(
      "witness_summons",
    );
  });

  it("a paragraph only one council's letter carries stays its concern", async () => {
    const store = join(tempDir(), "db.json");
    await ingestLetters(store, [withParagraph("bury", SHARED), sample("sefton"), sample("stockport")]);
    const bury = await storedLetter(store, "bury/2020");
    expect(bury?.concerns.some((c) => c.quote.includes("councils have taken too long"))).toBe(true);
  });
});
