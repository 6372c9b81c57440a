import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ADVANCES, EXTRA_CHARACTERS, fitText, textWidth, wrapText } from "../../src/charts/text-width.ts";

/**
 * The width table in src/charts/text-width.ts is the fonts' own: read again here from the TTF files (the Unicode
 * cmap to a glyph, hmtx to its advance). If the fonts change, this fails and prints the table to paste there.
 */

const resolve = createRequire(import.meta.url).resolve;

/** The advance of each code point's glyph, in font units, from a TrueType file's cmap (format 4) and hmtx. */
function advancesIn(file: string, codes: readonly number[]): number[] {
  const font = readFileSync(resolve(`dejavu-fonts-ttf/ttf/${file}`));
  const tables = new Map<string, number>();
  for (let i = 0; i < font.readUInt16BE(4); i++)
    tables.set(font.toString("latin1", 12 + 16 * i, 16 + 16 * i), font.readUInt32BE(20 + 16 * i));
  const at = (tag: string) => tables.get(tag) as number;
  const metrics = font.readUInt16BE(at("hhea") + 34);
  const cmap = at("cmap");
  let table = -1;
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const platform = font.readUInt16BE(cmap + 4 + 8 * i);
    const encoding = font.readUInt16BE(cmap + 6 + 8 * i);
    if (platform === 3 && encoding === 1) table = cmap + font.readUInt32BE(cmap + 8 + 8 * i);
  }
  expect(font.readUInt16BE(table)).toBe(4);
  const segments = font.readUInt16BE(table + 6) / 2;
  const ends = table + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const offsets = deltas + 2 * segments;
  const glyph = (code: number): number => {
    for (let i = 0; i < segments; i++) {
      if (code > font.readUInt16BE(ends + 2 * i)) continue;
      const start = font.readUInt16BE(starts + 2 * i);
      if (code < start) return 0;
      const delta = font.readInt16BE(deltas + 2 * i);
      const offset = font.readUInt16BE(offsets + 2 * i);
      if (offset === 0) return (code + delta) & 0xffff;
      const id = font.readUInt16BE(offsets + 2 * i + offset + 2 * (code - start));
      return id === 0 ? 0 : (id + delta) & 0xffff;
    }
    return 0;
  };
  return codes.map((code) => {
    const id = glyph(code);
    expect(id, `U+${code.toString(16)} has a glyph`).not.toBe(0);
    return font.readUInt16BE(at("hmtx") + 4 * Math.min(id, metrics - 1));
  });
}

const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);

describe("text widths", () => {
  it.each([
    ["DejaVuSans.ttf", ADVANCES.regular],
    ["DejaVuSans-Bold.ttf", ADVANCES.bold],
  ])("are %s's own advances", (file, table) => {
    const ascii = advancesIn(file, ASCII);
    const extra = advancesIn(file, EXTRA_CHARACTERS);
    const wanted = { ascii, extra };
    if (JSON.stringify(wanted) !== JSON.stringify(table)) console.log(file, JSON.stringify(wanted));
    expect({ ascii: [...table.ascii], extra: [...table.extra] }).toEqual(wanted);
  });

  it("measures by the advances, and any other character as the widest", () => {
    // "i" is 569 units and "W" 2025 of 2048.
    expect(textWidth("iW", 2048)).toBe(569 + 2025);
    expect(textWidth("漢", 2048)).toBe(2048);
    expect(textWidth("W", 2048, true)).toBeGreaterThan(textWidth("W", 2048));
  });

  it("cuts text to a width with an ellipsis", () => {
    const width = textWidth("Bath and North", 13);
    expect(fitText("Bath and North East Somerset", width, 13)).toBe("Bath and Nor…");
    expect(fitText("Bury", width, 13)).toBe("Bury");
    for (let w = 0; w < 200; w += 7)
      expect(textWidth(fitText("Royal Borough of Windsor and Maidenhead", w, 13), 13)).toBeLessThanOrEqual(
        Math.max(w, textWidth("…", 13)),
      );
  });

  it("wraps at spaces, each line within the width, the last cut with an ellipsis", () => {
    const width = textWidth("Sefton and Bury 2024:", 18, true);
    const lines = wrapText(
      "Sefton and Bury 2024: rates side by side and much more to say than fits",
      width,
      18,
      true,
      3,
    );
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("Sefton and Bury 2024:");
    expect(lines[2]?.endsWith("…")).toBe(true);
    for (const line of lines) expect(textWidth(line, 18, true)).toBeLessThanOrEqual(width);
  });
});
