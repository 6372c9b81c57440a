import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseLetter } from "../../src/letters/index.ts";

/** "No input crashes the parser or makes an error message unbounded: a 400,000-character line, a 50 MB file, binary." */

const SEFTON = readFileSync("data/letters/2020/sefton.txt", "utf8");
const LONG = "x".repeat(400_000);

const HOSTILE: Record<string, string> = {
  "a 400,000-character line alone": LONG,
  "a 400,000-character salutation": SEFTON.replace("Dear Mr Johnson", `Dear Mr ${LONG}`),
  "a 400,000-character address line": SEFTON.replace(
    "Sefton Metropolitan Borough Council\n",
    `${"Sefton ".repeat(57_000)}\n`,
  ),
  "a 400,000-character paragraph in the body": SEFTON.replace(
    "Happily, this year",
    `${"word ".repeat(80_000)} Happily, this year`,
  ),
  "a 400,000-digit rate": SEFTON.replace("81% of complaints", `${"8".repeat(400_000)}% of complaints`),
  "a 400,000-digit count": SEFTON.replace("13\nupheld", `${"1".repeat(400_000)}\nupheld`),
  "133,000 percentages in a row": SEFTON.replace(
    "81% of complaints",
    `${"1% ".repeat(133_000)} of complaints`,
  ),
  "10,000 averages in a row": SEFTON.replace(
    "This compares",
    `${"average of 5% in similar authorities ".repeat(10_000)} This compares`,
  ),
};

describe("hostile input", () => {
  for (const [what, text] of Object.entries(HOSTILE)) {
    it(`${what}: a result, never a crash, every message and quote bounded, no figure from the damage`, () => {
      const result = parseLetter(text, "hostile.txt");
      if (!result.ok) {
        expect(result.error.field).not.toBe("internal");
        expect(result.error.message.length).toBeLessThan(1000);
        return;
      }
      for (const warning of result.value.warnings) expect(warning.message.length).toBeLessThan(1000);
      const upheld = result.value.stats.upheld;
      expect([81, null]).toContain(upheld?.rate);
      expect([13, null]).toContain(upheld?.count);
    });
  }

  it("a 50 MB text is refused by its size at once, naming it", () => {
    const result = parseLetter("a".repeat(50 * 1024 * 1024), "big.txt");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.field).toBe("file");
      expect(result.error.reason).toMatch(/52,428,800 bytes/);
    }
  });

  it("binary bytes are refused as a binary file", () => {
    const bytes = new Uint8Array(1_000_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 255;
    const result = parseLetter(bytes, "binary.txt");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toMatch(/binary/);
  });

  it("an error message is bounded whatever the file name or reason", () => {
    const result = parseLetter("", `${"d/".repeat(100_000)}x.txt`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(1000);
  });
});
