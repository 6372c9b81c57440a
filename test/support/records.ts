import { type Letter, type ParseOptions, parseLetter } from "../../src/letters/index.ts";

/**
 * A parsed letter in the shape of the generator's `expectedRecord`: concerns by category in order, and the fields
 * the warnings name, once each, sorted (which of several warnings on one field comes first is not the point).
 */
export function asExpected(letter: Letter) {
  const { source: _source, concerns, warnings, ...rest } = letter;
  return {
    ...rest,
    concerns: concerns.map((c) => c.category),
    warnings: [...new Set(warnings.map((w) => w.field))].sort(),
  };
}

/** The letter `parseLetter` reads from `input`, or the `ParseError` thrown: for tests whose input must parse. */
export function letterFrom(input: string | Uint8Array, file: string, options?: ParseOptions): Letter {
  const result = parseLetter(input, file, options);
  if (!result.ok) throw result.error;
  return result.value;
}
