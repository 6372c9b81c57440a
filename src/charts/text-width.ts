/**
 * How wide a line of text is in DejaVu Sans, the one font the charts are drawn in, so that a layout can keep labels
 * apart without a renderer to ask. The advances are the fonts' own (hmtx through the Unicode cmap, in units of
 * 1/2048 em) for printable ASCII and the punctuation the answers use; test/charts/text-width.test.ts reads them
 * again from node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf and DejaVuSans-Bold.ttf and prints the table to paste
 * here if the fonts ever change. Any other character counts as the widest glyph in the table, so an estimate is
 * never short; kerning only narrows text, so summing advances is an upper bound.
 */

const UNITS_PER_EM = 2048;
/** hhea ascender and descender of both fonts, 1901 and 483 units: a line of text's extent above and below its baseline. */
export const ASCENT = 1901 / UNITS_PER_EM;
export const DESCENT = 483 / UNITS_PER_EM;

/** Advances of U+0020 to U+007E, in order. */
const REGULAR_ASCII = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577,
  1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401,
  2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569,
  569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690,
  1303, 1716,
];
const BOLD_ASCII = [
  713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748, 1425, 1425, 1425,
  1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188, 2048, 1585, 1561, 1503, 1700,
  1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741, 1501, 1741, 1577, 1475, 1397, 1663, 1585,
  2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024, 1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702,
  702, 1362, 702, 2134, 1458, 1407, 1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458,
  748, 1458, 1716,
];

/** The characters beyond ASCII that answers print: … – — ‘ ’ “ ” é ·. */
export const EXTRA_CHARACTERS = [0x2026, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0xe9, 0xb7];
const REGULAR_EXTRA = [2048, 1024, 2048, 651, 651, 1061, 1061, 1260, 651];
const BOLD_EXTRA = [2048, 1024, 2048, 778, 778, 1346, 1346, 1389, 778];

interface Table {
  advances: Map<number, number>;
  widest: number;
}

function table(ascii: readonly number[], extra: readonly number[]): Table {
  const advances = new Map<number, number>();
  ascii.forEach((advance, i) => {
    advances.set(0x20 + i, advance);
  });
  EXTRA_CHARACTERS.forEach((code, i) => {
    advances.set(code, extra[i] as number);
  });
  return { advances, widest: Math.max(...advances.values()) };
}

const REGULAR = table(REGULAR_ASCII, REGULAR_EXTRA);
const BOLD = table(BOLD_ASCII, BOLD_EXTRA);

/** The advances as the tests compare them with the fonts. */
export const ADVANCES = {
  regular: { ascii: REGULAR_ASCII, extra: REGULAR_EXTRA },
  bold: { ascii: BOLD_ASCII, extra: BOLD_EXTRA },
} as const;

/** The width of `text` at `size` px, in px. */
export function textWidth(text: string, size: number, bold = false): number {
  const font = bold ? BOLD : REGULAR;
  let units = 0;
  for (const character of text) units += font.advances.get(character.codePointAt(0) as number) ?? font.widest;
  return (units / UNITS_PER_EM) * size;
}

/** `text`, or as much of it as fits in `width` with "…" after it. */
export function fitText(text: string, width: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  const characters = [...text];
  let low = 0;
  let high = characters.length;
  // The longest prefix that fits with its ellipsis: widths grow with length, so halve the range.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textWidth(`${characters.slice(0, mid).join("").trimEnd()}…`, size, bold) <= width) low = mid;
    else high = mid - 1;
  }
  return `${characters.slice(0, low).join("").trimEnd()}…`;
}

/** `text` broken into lines at spaces, each no wider than `width`; past `maxLines`, the last ends in "…". */
export function wrapText(text: string, width: number, size: number, bold = false, maxLines = 3): string[] {
  const lines: string[] = [];
  let line = "";
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const tried = line === "" ? word : `${line} ${word}`;
    if (textWidth(tried, size, bold) <= width || line === "") {
      line = tried;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines - 1) {
      line = words.slice(i).join(" ");
      break;
    }
  }
  if (line !== "") lines.push(line);
  return lines.map((l) => fitText(l, width, size, bold));
}
