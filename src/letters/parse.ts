import { createHash } from "node:crypto";
import { type AuthorityIndex, existedIn, loadAuthorities, slug } from "../authorities/index.ts";
import { checkLetter } from "./checks.ts";
import { readConcerns } from "./concerns.ts";
import { findDate, LONG_DATE } from "./dates.ts";
import { ParseError, type ParseResult } from "./error.ts";
import { normalise } from "./normalise.ts";
import { Letter, type Warning } from "./schema.ts";
import { readStatistics } from "./statistics.ts";

export interface ParseOptions {
  /** The reference list of councils; the bundled one by default. */
  authorities?: AuthorityIndex;
}

const TITLE = "(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Professor|Prof|Cllr|Councillor|Rev|Revd)";
const SALUTATION = new RegExp(`^dear\\s+(?:(${TITLE})\\.?\\s+)?([^,\\n]+?)[,.:]?$`, "i");
const ROLE =
  /\b((?:interim |acting |joint |deputy )?(?:chief executive(?: officer)?|managing director|head of paid service|town clerk(?: and chief executive)?|chief operating officer|director general))\b/i;
const SIGN_OFF = /^(?:yours (?:sincerely|faithfully)|kind regards|best wishes)/i;
const NOT_ADDRESS =
  /ombudsman|^by (?:e-?mail|post|hand)|^(?:private|strictly private)(?: and| &)? confidential|^annual review|^sent by/i;

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

function fail(file: string, field: string, reason: string): ParseResult<Letter> {
  return { ok: false, error: new ParseError(file, field, reason) };
}

function decode(input: string | Uint8Array, file: string): { text: string; sha256: string } | ParseError {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (typeof input === "string") return { text: input, sha256 };
  if (bytes.includes(0))
    return new ParseError(file, "file", "is a binary file, not a text letter (convert PDFs to text first)");
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), sha256 };
  } catch {
    return new ParseError(file, "file", "is not UTF-8 text (convert it to UTF-8 text first)");
  }
}

function parse(input: string | Uint8Array, file: string, options: ParseOptions): ParseResult<Letter> {
  const decoded = decode(input, file);
  if (decoded instanceof ParseError) return { ok: false, error: decoded };
  // Control characters other than whitespace mean a binary or corrupted file, whatever its encoding.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is exactly what this looks for
  if (/[\u0000-\u0008\u000e-\u001f]/.test(decoded.text)) {
    return fail(file, "file", "contains control characters: it is not a text letter");
  }
  const { text, paragraphs } = normalise(decoded.text);
  if (text.trim() === "") return fail(file, "file", "is empty");

  const isReview = /annual review/i.test(text) || /annual summary of statistics/i.test(text);
  if (!/ombudsman/i.test(text) || !isReview) {
    return fail(
      file,
      "document",
      "is not an Ombudsman annual review letter (no mention of the Ombudsman and of an annual review)",
    );
  }

  const warnings: Warning[] = [];
  const salutationAt = paragraphs.findIndex((p) => /^dear\s/i.test(p));
  // A document that merely mentions the Ombudsman's annual review is not one: a letter also greets its addressee,
  // or states the year it reviews.
  if (salutationAt < 0 && !/year end(?:ing|ed) 31(?:st)? march/i.test(text)) {
    return fail(
      file,
      "document",
      "is not an Ombudsman annual review letter (no 'Dear ...' and no 'year ending 31 March')",
    );
  }
  const header = paragraphs.slice(0, salutationAt >= 0 ? salutationAt : Math.min(paragraphs.length, 8));
  const signOffAt = paragraphs.findIndex((p, i) => i > salutationAt && SIGN_OFF.test(p));
  const afterSalutation = paragraphs.slice(salutationAt + 1);

  const letterDate = readLetterDate(paragraphs.slice(0, 12), salutationAt >= 0 ? header : []);
  if (!letterDate) warnings.push({ field: "letterDate", message: "no date found at the head of the letter" });

  const statistics = readStatistics(afterSalutation);
  warnings.push(...statistics.warnings);

  const year = readYear(text, statistics.period, letterDate, warnings);
  if (year === null)
    return fail(
      file,
      "year",
      "no year found (no 'Annual Review letter YYYY', 'year ending 31 March YYYY' or date)",
    );

  // The addressee: the header's lines that are not the Ombudsman's heading, the date, "By email" or prose. (Without
  // a salutation the header runs into the body, whose sentences name places: "seminars in London, Bristol, ...".)
  const headerLines = header.flatMap((p) => p.split("\n")).filter((line) => !isProse(line));
  const addressLines = headerLines.filter((line) => !NOT_ADDRESS.test(line) && !LONG_DATE.test(line));
  const salutation = salutationAt >= 0 ? (paragraphs[salutationAt]?.split("\n")[0] ?? "") : "";
  const recipient = readRecipient(salutation, addressLines, warnings);

  const authorities = options.authorities ?? loadAuthorities();
  const named = addressLines.map((line) => stripPerson(line, recipient.surname)).join("\n");
  let authority = authorities.findIn(named, year) ?? authorities.findIn(headerLines.join("\n"), year);
  let authorityRecord: Letter["authority"];
  if (authority) {
    if (!existedIn(authority, year)) {
      warnings.push({
        field: "authority",
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
      message: `"${name}" is not in data/authorities.json, so its type (and similar-authority group) is unknown`,
    });
  }

  const period = statistics.period ?? { start: `${year - 1}-04-01`, end: `${year}-03-31` };
  const body = paragraphs.slice(salutationAt + 1, signOffAt >= 0 ? signOffAt : undefined);
  const candidate = {
    id: `${slug(authorityRecord.shortName)}/${year}`,
    authority: authorityRecord,
    year,
    letterDate,
    period,
    recipient: recipient.title || recipient.surname || recipient.role ? recipient : null,
    stats: statistics.stats,
    concerns: readConcerns(body),
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

/** A sentence, not an address line: it ends a sentence ("...and London Boroughs."), holds two, or is too long. */
function isProse(line: string): boolean {
  return line.length > 160 || /[a-z]{2}[.!?]$/.test(line) || /[a-z]{2}[.!?]\s+["'(]?[A-Z]/.test(line);
}

/** A line that is only a date, as the letter's own date stands ("22 July 2020", "Date: Wednesday 22 July 2020"). */
const DATE_LINE = new RegExp(
  `^(?:dated?:?\\s*)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\\s+)?(?:${LONG_DATE.source})\\.?$`,
  "i",
);

/**
 * The letter's date: a date standing on a line of its own near the top, or else any date in the addressee block
 * (the lines before "Dear ..." that are not prose; `header` is empty when there is no salutation). A date inside a
 * sentence is about something else ("the year ending 31 March 2020", "uploaded ... on 29 July 2020"): taking it
 * would give a wrong date, which is worse than none.
 */
function readLetterDate(top: string[], header: string[]): string | null {
  for (const paragraph of top) {
    for (const line of paragraph.split("\n")) {
      if (DATE_LINE.test(line)) return findDate(line);
    }
  }
  return findDate(
    header
      .flatMap((p) => p.split("\n"))
      .filter((line) => !isProse(line))
      .join("\n"),
  );
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
      warnings.push({ field: "year", message: `${first[0]} says ${first[1]} but ${where} says ${y}` });
    }
  }
  if (first) return first[1];
  return letterDate ? Number(letterDate.slice(0, 4)) : null;
}

function readRecipient(
  salutation: string,
  addressLines: string[],
  warnings: Warning[],
): NonNullable<Letter["recipient"]> {
  const role = ROLE.exec(addressLines.join(" "))?.[1] ?? null;
  // "Dear Sir or Madam", "Dear Sir", "Dear Madam" name no one ("Sir" is also a title: "Dear Sir John Smith").
  const generic = /^dear\s+(?:sir|madam)(?:\s*(?:or|and|\/)\s*(?:sir|madam))?\s*[,.:]?$/i.test(salutation);
  const dear = generic ? null : SALUTATION.exec(salutation);
  let title = dear?.[1] ?? null;
  let surname = dear?.[2]?.trim().split(/\s+/).pop() ?? null;
  if (!title || !surname || ROLE.test(dear?.[2] ?? "") || /^(?:sir|madam|colleague)/i.test(dear?.[2] ?? "")) {
    // "Dear Chief Executive": the name is on the first address line instead.
    const first = new RegExp(`^(${TITLE})\\.?\\s+(?:[A-Z][\\w'-]*\\s+)*?([A-Z][\\w'-]+)(?=\\s|$)`).exec(
      addressLines[0] ?? "",
    );
    if (first) {
      title = first[1] ?? null;
      surname = first[2] ?? null;
    } else if (!dear?.[1]) {
      title = null;
      surname = null;
    }
  }
  if (!surname) warnings.push({ field: "recipient", message: "the addressee's name was not found" });
  return { title, surname, role: role ? normaliseRole(role) : null };
}

function normaliseRole(role: string): string {
  return role
    .toLowerCase()
    .replace(/\b\w/g, (c) => c.toUpperCase())
    .replace(/\b(And|Of)\b/g, (w) => w.toLowerCase());
}

/** Drop the addressee's title, name and role from a line, so a surname such as "Bury" is not taken for a council. */
function stripPerson(line: string, surname: string | null): string {
  let out = line.replace(ROLE, " ");
  if (surname) {
    const escaped = surname.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`^\\s*${TITLE}\\.?\\s+(?:[A-Z][\\w'-]*\\s+)*?${escaped}\\b`), " ");
  }
  return out.trim();
}
