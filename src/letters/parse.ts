import { isAscii, isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import {
  type Authority,
  type AuthorityIndex,
  existedIn,
  loadAuthorities,
  slug,
} from "../authorities/index.ts";
import { checkLetter } from "./checks.ts";
import { readConcerns } from "./concerns.ts";
import { reconcile } from "./consistency.ts";
import { findDate, LONG_DATE } from "./dates.ts";
import { ParseError, type ParseResult } from "./error.ts";
import { normalise } from "./normalise.ts";
import { ROLE, readRecipient } from "./recipient.ts";
import { Letter, type Warning } from "./schema.ts";
import { isSignOff } from "./sign-off.ts";
import { readStatistics } from "./statistics.ts";
import { TITLE } from "./titles.ts";

export interface ParseOptions {
  /** The reference list of councils; the bundled one by default. */
  authorities?: AuthorityIndex;
  /**
   * The sha256 of the file the text came from, when that is not the text itself (a PDF's bytes): the record's
   * `source.sha256`. By default, the hash of `input`.
   */
  sha256?: string;
}

/** Who signs the letters (LETTER-FORMATS.md), or the title under the name. */
const SIGNATORY = /ombudsman|michael king|paul najsarek|amerdeep (?:somal|clarke)/i;
/** A letter is a few pages; a text this long is something else, and is refused before any pattern runs over it. */
const MAX_CHARS = 2_000_000;
const NOT_ADDRESS =
  /ombudsman|^by (?:e-?mail|post|hand)|^(?:private|strictly private)(?: and| &)? confidential|^annual review|^sent by|^(?:re|subject|our ref|your ref|ref|cc|copy to)\b\s*[:.]?/i;

/** Text → record. Never throws: anything that is not a usable letter comes back as a `ParseError`. */
export function parseLetter(
  input: string | Uint8Array,
  file: string,
  options: ParseOptions = {},
): ParseResult<Letter> {
  try {
    return parse(input, file, options);
  } catch (error) {
    // A bug, not bad input; said as such so it is reported rather than mistaken for a verdict on the file.
    return fail(
      file,
      "internal",
      `the parser failed unexpectedly (${(error as Error).message}); please report this`,
    );
  }
}

/** The other ombudsmen whose letters could be taken for ours, by name. */
const OTHER_OMBUDSMEN: Record<string, string> = {
  housing: "Housing Ombudsman",
  "parliamentary and health service": "Parliamentary and Health Service Ombudsman",
  pensions: "Pensions Ombudsman",
  financial: "Financial Ombudsman",
};

function fail(file: string, field: string, reason: string): ParseResult<Letter> {
  return { ok: false, error: new ParseError(file, field, reason) };
}

function decode(
  input: string | Uint8Array,
  file: string,
  hash?: string,
): { text: string; sha256: string } | ParseError {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const sha256 = hash ?? createHash("sha256").update(bytes).digest("hex");
  if (typeof input === "string") return { text: input, sha256 };
  if (bytes.includes(0))
    return new ParseError(file, "file", "is a binary file, neither a text letter nor a PDF");
  if (!isUtf8(bytes))
    return new ParseError(file, "file", "is not UTF-8 text (convert it to UTF-8 text first)");
  // Validated first, then decoded without checking again; ASCII is its own Latin-1, which is copied rather than
  // decoded. (A byte-order mark stays at the start, where a TextDecoder would drop it: normalise drops every one.)
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { text: view.toString(isAscii(bytes) ? "latin1" : "utf8"), sha256 };
}

function parse(input: string | Uint8Array, file: string, options: ParseOptions): ParseResult<Letter> {
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size > MAX_CHARS) {
    return fail(
      file,
      "file",
      `is ${size.toLocaleString("en-GB")} bytes; a letter is a few pages, at most ${MAX_CHARS.toLocaleString("en-GB")}`,
    );
  }
  const decoded = decode(input, file, options.sha256);
  if (decoded instanceof ParseError) return { ok: false, error: decoded };
  // Control characters other than whitespace mean a binary or corrupted file, whatever its encoding; normalise
  // looks for them as it looks at the characters (null).
  const normalised = normalise(decoded.text);
  if (normalised === null) return fail(file, "file", "contains control characters: it is not a text letter");
  const { text, paragraphs, lines } = normalised;
  if (text.trim() === "") return fail(file, "file", "is empty");

  const isReview = /annual review/i.test(text) || /annual summary of (?:complaint )?statistics/i.test(text);
  if (!/ombudsman/i.test(text) || !isReview) {
    return fail(
      file,
      "document",
      "is not an Ombudsman annual review letter (no mention of the Ombudsman and of an annual review)",
    );
  }
  // Another ombudsman's letter (the Housing Ombudsman's annual letters to landlords look alike) is not ours; a
  // letter from ours names it, in its body and under the signature.
  const otherOmbudsman = /\b(housing|parliamentary and health service|pensions|financial) ombudsman\b/i.exec(
    text,
  );
  if (
    otherOmbudsman &&
    !/\blocal government (?:and|&) social care ombudsman\b|\blocal government ombudsman\b|\blgsco\b/i.test(
      text,
    )
  ) {
    return fail(
      file,
      "document",
      `is not a Local Government and Social Care Ombudsman annual review letter: it is from the ${OTHER_OMBUDSMEN[(otherOmbudsman[1] as string).toLowerCase()] ?? otherOmbudsman[0]}`,
    );
  }
  // Where the letter greets and where it signs off, found once for every reader below.
  const salutations: number[] = [];
  for (let i = 0; i < paragraphs.length; i++) if (isSalutation(lines[i]?.[0] ?? "")) salutations.push(i);
  const salutationAt = salutations[0] ?? -1;
  const signOffAt = paragraphs.findIndex((p, i) => i > salutationAt && isSignOff(p));
  const notLetter = notALetter(lines, salutations, signOffAt);
  if (notLetter) return fail(file, "document", `is not an Ombudsman annual review letter: ${notLetter}`);

  const warnings: Warning[] = [];
  const header = paragraphs.slice(0, salutationAt);
  const headerParagraphLines = lines.slice(0, salutationAt);
  const afterSalutation = paragraphs.slice(salutationAt + 1);

  const letterDate = readLetterDate(lines.slice(0, 12), salutationAt >= 0 ? headerParagraphLines : []);
  if (!letterDate)
    warnings.push({
      field: "letterDate",
      code: "not_found",
      message: "no date found at the head of the letter",
    });

  const statistics = readStatistics(afterSalutation, lines.slice(salutationAt + 1), text);
  warnings.push(...statistics.warnings);
  reconcile(statistics.stats, statistics.remedyBase, warnings);

  const year = readYear(text, statistics.period, letterDate, warnings);
  if (year === null)
    return fail(
      file,
      "year",
      "no year found (no 'Annual Review letter YYYY', 'year ending 31 March YYYY' or date)",
    );

  // The addressee: the header's lines that are not the Ombudsman's heading, the date, "By email" or prose. (Without
  // a salutation the header runs into the body, whose sentences name places: "seminars in London, Bristol, ...".)
  const headerLines: string[] = [];
  for (const paragraphLines of headerParagraphLines)
    for (const line of paragraphLines) if (!isProse(line)) headerLines.push(line);
  const isAddress = (line: string) => !NOT_ADDRESS.test(line) && !LONG_DATE.test(line);
  const addressLines = headerLines.filter(isAddress);
  const address = new Set(addressLines);
  const salutation = salutationAt >= 0 ? (lines[salutationAt]?.[0] ?? "") : "";
  const recipient = readRecipient(salutation, addressLines, warnings);

  const authorities = options.authorities ?? loadAuthorities();
  // The council is the addressee: the block that holds the chief officer's role is the address itself, whatever
  // else the heading names (a predecessor council, a reference line). The other places are read only if need be.
  const blockLines: string[] = [];
  for (const [i, p] of header.entries()) {
    if (!ROLE.test(p) || isProse(headerParagraphLines[i]?.[0] ?? "")) continue;
    for (const line of headerParagraphLines[i] ?? []) if (address.has(line)) blockLines.push(line);
  }
  // In an address the council follows the chief officer's role ("Mr Cooper / Chief Executive / Kent County
  // Council"): a line above the name (a predecessor council, a reference) is read only if nothing follows.
  const roleAt = blockLines.findIndex((line) => ROLE.test(line));
  // The first place that names a council of the letter's year; failing that, the first that names any. Each place
  // is made only if the ones before it name no council of the year (most letters' first does).
  let authority: Authority | undefined;
  let fallback: Authority | undefined;
  for (let at = 0; at < 4; at++) {
    const place =
      at === 0
        ? roleAt >= 0
          ? withoutPerson(blockLines.slice(roleAt), recipient.surname)
          : ""
        : at === 1
          ? withoutPerson(blockLines, recipient.surname)
          : at === 2
            ? withoutPerson(addressLines, recipient.surname)
            : headerLines.join("\n");
    if (!place) continue;
    const found = authorities.findIn(place, year);
    if (!found) continue;
    if (existedIn(found, year)) {
      authority = found;
      break;
    }
    fallback ??= found;
  }
  authority ??= fallback;
  let authorityRecord: Letter["authority"];
  if (authority) {
    if (!existedIn(authority, year)) {
      warnings.push({
        field: "authority",
        code: "authority_not_current",
        message: `${authority.name} did not exist in the year ending 31 March ${year} (${authority.created ? `created ${authority.created}` : `abolished ${authority.abolished}`})`,
      });
    }
    authorityRecord = { name: authority.name, shortName: authority.shortName, type: authority.type };
  } else {
    const line = [...addressLines].reverse().find((l) => /\b(?:council|corporation)\b/i.test(l));
    const name = line ? stripPerson(line, recipient.surname).replace(ROLE, "").trim() : "";
    if (!name) return fail(file, "authority", "no council is named in the addressee block");
    authority = undefined;
    const shortName =
      name.replace(/\b(?:metropolitan |borough |district |city |county )*council\b/gi, "").trim() || name;
    authorityRecord = { name, shortName, type: null };
    warnings.push({
      field: "authority.type",
      code: "unknown_authority",
      message: `"${name}" is not in data/authorities.json, so its type (and similar-authority group) is unknown`,
    });
  }

  const period = statistics.period ?? { start: `${year - 1}-04-01`, end: `${year}-03-31` };
  // The figures that a letter of its year prints: their absence is worth a warning only from the year they began.
  const { upheld, overview } = statistics.stats;
  if (year >= 2024 && upheld && !upheld.perHundredThousand) {
    warnings.push({
      field: "stats.upheld.perHundredThousand",
      code: "not_found",
      message: `letters from 2024 give upheld decisions per 100,000 residents; this ${year} letter's could not be found`,
    });
  }
  if (year >= 2025 && upheld && !overview) {
    warnings.push({
      field: "stats.overview",
      code: "not_found",
      message: `letters from 2025 give an overview of the complaints dealt with; this ${year} letter's could not be found`,
    });
  }
  const body = paragraphs.slice(salutationAt + 1, signOffAt >= 0 ? signOffAt : undefined);
  const candidate = {
    id: `${slug(authorityRecord.shortName)}/${year}`,
    authority: authorityRecord,
    year,
    letterDate,
    period,
    recipient: recipient.title || recipient.surname || recipient.role ? recipient : null,
    stats: statistics.stats,
    concerns: readConcerns(body, [authorityRecord.name, authorityRecord.shortName]),
    source: { file, sha256: decoded.sha256 },
    warnings,
  };
  warnings.push(...checkLetter(candidate));

  const valid = Letter.safeParse(candidate);
  if (!valid.success) {
    const issue = valid.error.issues[0];
    return fail(file, issue?.path.join(".") || "record", issue?.message ?? "invalid record");
  }
  return { ok: true, value: valid.data };
}

/** "Dear Mr Johnson", "Dear Chief Executive": a paragraph's short first line that greets someone. */
function isSalutation(first: string): boolean {
  return (first.charCodeAt(0) | 0x20) === 0x64 && first.length <= 80 && /^dear\s+\S/i.test(first);
}

/**
 * Why a document that speaks of the Ombudsman's annual review is not itself a letter, or null when it is one. A
 * letter comes from the Ombudsman to one council's chief officer: a heading and an address, then one salutation,
 * then the body, then a sign-off with the Ombudsman's name or title under it. Committee reports, complaints annual
 * reports and press releases quote a letter's figures, sentences and headings, but open with prose of their own
 * before any "Dear ..." and are not signed by the Ombudsman. `lines` are each paragraph's lines, `salutations` the
 * paragraphs that greet someone and `signOff` the first sign-off after the first of them.
 */
function notALetter(lines: string[][], salutations: number[], signOff: number): string | null {
  const [at] = salutations;
  if (at === undefined) {
    return "it greets no one (no 'Dear ...'); a report or press release that quotes a letter is not the letter";
  }
  if (salutations.length > 1)
    return `it holds ${salutations.length} salutations ('Dear ...'): more than one letter`;
  // The lines before the salutation, and the first eight of the sign-off's four paragraphs (loops: `flat` is slow).
  let headLines = 0;
  let prose = false;
  for (let i = 0; i < at; i++) {
    for (const line of lines[i] ?? []) {
      headLines++;
      if (!prose && isProse(line)) prose = true;
    }
  }
  if (prose || headLines > 25) {
    return "text before 'Dear ...' is not a letter's heading and address (a report or press release quoting a letter?)";
  }
  if (signOff < 0) return "it is not signed (no 'Yours sincerely' after the salutation)";
  let signatureLines = 0;
  for (let i = signOff; i < signOff + 4 && i < lines.length && signatureLines < 8; i++) {
    for (const line of lines[i] ?? []) {
      if (signatureLines++ >= 8) break;
      if (SIGNATORY.test(line)) return null;
    }
  }
  return "it is not signed by the Ombudsman";
}

/** A sentence, not an address line: it ends a sentence ("...and London Boroughs."), holds two, or is too long. */
function isProse(line: string): boolean {
  if (line.length > 160) return true;
  // Both patterns need a full stop, "!" or "?": an address line has none.
  if (!line.includes(".") && !line.includes("!") && !line.includes("?")) return false;
  return /[a-z]{2}[.!?]$/.test(line) || /[a-z]{2}[.!?]\s+["'(]?[A-Z]/.test(line);
}

/** A line that is only a date, as the letter's own date stands ("22 July 2020", "Date: Wednesday 22 July 2020"). */
const DATE_LINE = new RegExp(
  `^(?:dated?:?\\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?(?:${LONG_DATE.source})\\.?$`,
  "i",
);

/**
 * The letter's date: a date standing on a line of its own near the top, or else any date in the addressee block
 * (the lines before "Dear ..." that are not prose; `header` is empty when there is no salutation); both as each
 * paragraph's lines. A date inside a sentence is about something else ("the year ending 31 March 2020", "uploaded
 * ... on 29 July 2020"): taking it would give a wrong date, which is worse than none.
 */
function readLetterDate(top: string[][], header: string[][]): string | null {
  for (const paragraphLines of top) {
    for (const line of paragraphLines) {
      if (DATE_LINE.test(line)) return findDate(line);
    }
  }
  const lines: string[] = [];
  for (const paragraphLines of header)
    for (const line of paragraphLines) if (!isProse(line)) lines.push(line);
  return findDate(lines.join("\n"));
}

/** The year ending 31 March that the letter reviews; its statements of it must agree. */
function readYear(
  text: string,
  period: { end: string } | null,
  letterDate: string | null,
  warnings: Warning[],
): number | null {
  const stated = [
    ["'year ending 31 March'", /year end(?:ing|ed) 31(?:st)? march,? (\d{4})/i.exec(text)?.[1]],
    ["the heading", /annual review(?: letter)?,? (?:\d{4}[-/])?(\d{4})\b/i.exec(text)?.[1]],
    ["the statistics period", period?.end.slice(0, 4)],
  ] as const;
  const years = stated.filter(([, y]) => y !== undefined).map(([where, y]) => [where, Number(y)] as const);
  const [first] = years;
  for (const [where, y] of years.slice(1)) {
    if (first && y !== first[1]) {
      warnings.push({
        field: "year",
        code: "conflicting",
        message: `${first[0]} says ${first[1]} but ${where} says ${y}`,
      });
    }
  }
  if (first) return first[1];
  return letterDate ? Number(letterDate.slice(0, 4)) : null;
}

/** Address lines without the addressee's title, name and role (`stripPerson`), as one text. */
function withoutPerson(lines: string[], surname: string | null): string {
  let out = "";
  for (let i = 0; i < lines.length; i++)
    out += (i > 0 ? "\n" : "") + stripPerson(lines[i] as string, surname);
  return out;
}

/** A title at a line's start and the capitalised words after it: where the addressee's surname is looked for. */
const TITLED = new RegExp(`^\\s*${TITLE}\\.?\\s+((?:[A-Z][\\w'-]*\\s+)*)`);
/** One of those words, with the spaces after it. */
const NAME_WORD = /[A-Z][\w'-]*\s+/y;
const isWordCharacter = (c: string | undefined) => c !== undefined && /\w/.test(c);

/**
 * Drop the addressee's title, name and role from a line, so a surname such as "Bury" is not taken for a council.
 * The name goes from the line's start: a title, any capitalised words, then the surname as a word of its own ("Mr
 * John Smith"), the fewest words that reach it (as `^\s*TITLE\.?\s+(?:[A-Z][\w'-]*\s+)*?SURNAME\b` would find). It is
 * looked for without building that pattern, which would be compiled anew for every letter's surname.
 */
function stripPerson(line: string, surname: string | null): string {
  let out = line.replace(ROLE, " ");
  const titled = surname ? TITLED.exec(out) : null;
  if (surname && titled) {
    // `at`: where the next capitalised word starts (first, right after the title); the surname is tried there
    // before that word is passed over, up to the end of the words.
    const wordsEnd = titled[0].length;
    for (let at = wordsEnd - (titled[1]?.length ?? 0); ; ) {
      const after = at + surname.length;
      if (out.startsWith(surname, at) && isWordCharacter(out[after - 1]) !== isWordCharacter(out[after])) {
        out = ` ${out.slice(after)}`;
        break;
      }
      NAME_WORD.lastIndex = at;
      if (at >= wordsEnd || NAME_WORD.exec(out) === null) break;
      at = NAME_WORD.lastIndex;
    }
  }
  return out.trim();
}
