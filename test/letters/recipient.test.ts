import { describe, expect, it } from "vitest";
import { readRecipient } from "../../src/letters/recipient.ts";
import type { Warning } from "../../src/letters/schema.ts";

/** The addressee's title and surname, read from the salutation and the first address line. */

function read(salutation: string, firstLine: string) {
  const warnings: Warning[] = [];
  const { title, surname } = readRecipient(
    salutation,
    [firstLine, "Chief Executive", "Kent County Council"],
    warnings,
  );
  return { title, surname, warned: warnings.length > 0 };
}

describe("readRecipient", () => {
  it.each([
    ["Dear Chief Executive", "Ms Joanne Roney OBE", "Ms", "Roney"],
    ["Dear Chief Executive", "Mr Paul Turner (Interim)", "Mr", "Turner"],
    ["Dear Chief Executive", "Mr David de Silva", "Mr", "de Silva"],
    ["Dear Mr de Silva", "Mr David de Silva", "Mr", "de Silva"],
    ["Dear Chief Executive", "Mr J Smith", "Mr", "Smith"],
    // A one-line address with no role to end the name: its first word, as the samples' one-line addresses give it.
    ["Dear Chief Executive", "Mr Smith Kent County Council", "Mr", "Smith"],
    ["Dear Chief Executive", "Mr J Smith Kent County Council", "Mr", "Smith"],
    ["Dear Mr Godfrey", "Mr Godfrey Chief Executive Bath and North East Somerset Council", "Mr", "Godfrey"],
  ])("%j to %j is %s %s, without a warning", (salutation, line, title, surname) => {
    expect(read(salutation, line)).toEqual({ title, surname, warned: false });
  });

  it("the surname is never a council's word when the address runs on into the council", () => {
    expect(read("Dear Chief Executive", "Mr Smith Kent County Council").surname).not.toBe("Council");
  });
});
