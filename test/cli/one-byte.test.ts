import { describe, expect, it } from "vitest";
import { oneByteSource } from "../../bin/bundle.js";

/** A template literal's text, with a placeholder in it, written as a plain string (it is code to evaluate). */
const TEMPLATE = "`x—$" + "{1}…`";

/** What a piece of code evaluates to, written as it is and written one byte a character. */
const both = (code: string): [unknown, unknown] => [
  new Function(`return ${code}`)(),
  new Function(`return ${oneByteSource(code)}`)(),
];

describe("the bundles' source, one byte a character", () => {
  it("holds no character past U+00FF, and keeps Latin-1 as it is", () => {
    const code = oneByteSource(`// a — b · £\nconst x = /[•●▪◦–]/; const y = ${TEMPLATE}; const z = '😀';`);
    expect(code).not.toMatch(/[\u0100-\uffff]/);
    expect(code).toContain("· £");
  });

  it("means what it meant, in strings, templates and regular expressions, escaped or not", () => {
    for (const code of ['"a—b"', TEMPLATE, "'\\–'", "'\\\\–'", '"😀"'])
      expect(both(code)[1]).toEqual(both(code)[0]);
    for (const pattern of ["/[•–]/", "/\\–/", "/^(?:[•●▪◦] *)/m", "/[•😀]/u", "/a—b/"]) {
      const [before, after] = both(pattern) as [RegExp, RegExp];
      for (const text of ["•", "–", "\\", "u2013", "a—b", "😀", "x"])
        expect(after.test(text), `${pattern} on ${text}`).toBe(before.test(text));
    }
  });
});
