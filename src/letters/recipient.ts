import type { Letter, Warning } from "./schema.ts";
import { TITLE } from "./titles.ts";

/** The chief officer's role, as the address or the salutation gives it. */
export const ROLE =
  /\b((?:interim |acting |joint |deputy )?(?:chief executive(?: officer)?|managing director|head of paid service|town clerk(?: and chief executive)?|chief operating officer|director general)(?: (?:and|&) head of paid service)?)\b/i;

const SALUTATION = new RegExp(`^dear\\s+(?:(${TITLE})\\.?\\s+)?([^,\\n]+?)[,.:]?$`, "i");
/** "Dear Sir or Madam", "Dear Sir", "Dear Madam": they name no one ("Sir" is also a title: "Dear Sir John Smith"). */
const GENERIC = /^dear\s+(?:sir|madam)(?:\s*(?:or|and|\/)\s*(?:sir|madam))?\s*[,.:]?$/i;
const NOT_A_NAME = /^(?:sir|madam|colleague)/i;
/** A title at the start of the first address line, and what follows it. */
const TITLED_LINE = new RegExp(`^(${TITLE})\\.?\\s+(.*)$`);
/**
 * Letters after a name (honours, qualifications, "KC"): never the surname. "Ms Joanne Roney OBE" is Ms Roney.
 */
const POST_NOMINAL =
  /^(?:[CDGKMO]BE|BEM|[CDGK]CB|CMG|DL|JP|QPM|KC|QC|MP|PhD|DPhil|MBA|MPA|M[AS]c?|B[AS]c?|LLB|LLM|F?CPFA|[AF]CC?A|FCMA|FCIPD|FRICS|MRTPI|FRSA|Hon)\.?$/;
/** A word of a name: capitalised, perhaps hyphenated or with an apostrophe ("McKenzie-Folan", "O'Brien"). */
const NAME_WORD = /^[A-Z][\w'-]*$/;
/** Words that a salutation to a post, not a person, is made of ("Dear Chief Officer", "Dear Council Leader"). */
const POST_WORD =
  /^(?:chief|officer|executive|director|clerk|head|council|leader|members?|councillors?|colleagues?|team|all|friends?)$/i;

/**
 * A name's words, without the letters after it: "Joanne Roney OBE" and "Joanne Roney, OBE" are ["Joanne", "Roney"].
 * Null when the text is not a name of one to four capitalised words.
 */
function nameWords(text: string): string[] | null {
  const comma = text.indexOf(",");
  const words = (comma >= 0 ? text.slice(0, comma) : text)
    .replace(/\([^)]*\)/g, " ")
    .trim()
    .split(/\s+/);
  while (words.length > 1 && POST_NOMINAL.test(words[words.length - 1] as string)) words.pop();
  // A particle belongs to the surname after it: "David de Silva" is Mr de Silva.
  for (let i = words.length - 2; i >= 0; i--) {
    if (PARTICLE.test(words[i] as string)) words.splice(i, 2, `${words[i]} ${words[i + 1]}`);
  }
  if (words.length === 0 || words.length > 4) return null;
  if (!words.every((word) => NAME_WORD.test(word) || PARTICLE_NAME.test(word))) return null;
  return words;
}

/** The lower-case particles of surnames ("de Silva", "van der Berg"), and a surname that starts with one. */
const PARTICLE = /^(?:de|van|von|der|den|da|di|du|le|la|del|della|dos|ter)$/;
const PARTICLE_NAME = /^(?:(?:de|van|von|der|den|da|di|du|le|la|del|della|dos|ter) )+[A-Z][\w'-]*$/;
/** A word that starts a council's name or title rather than ending a person's: where a one-line address turns. */
const COUNCIL_WORD = /\b(?:Council|County|Borough|City|District|Metropolitan|Corporation|London|Royal)\b/;
/** The old reading of a name that runs on into the address: the first capitalised word of two letters or more. */
const FIRST_NAME_WORD = /^(?:[A-Z][\w'-]*\s+)*?([A-Z][\w'-]+)(?=\s|$)/;

/**
 * The person on the first address line: a title and the name after it, up to the role if the address is one line
 * ("Mr Godfrey Chief Executive Bath and North East Somerset Council"). The surname is the name's last word, not
 * its first ("Ms Joanne Roney" is Ms Roney); when what follows the title is not a name of its own (no role to end
 * it), the first capitalised word after the title.
 */
function addressee(line: string): { title: string; words: string[] | null; first: string } | null {
  const titled = TITLED_LINE.exec(line);
  if (!titled) return null;
  const rest = titled[2] ?? "";
  const role = ROLE.exec(rest);
  const name = role ? rest.slice(0, role.index) : rest;
  // "Mr Smith Kent County Council": with no role to end it, where the name ends and the council begins cannot be
  // told, so the name is not read whole; its first word is taken, as a one-line address mostly gives a surname alone.
  const words = COUNCIL_WORD.test(name) ? null : nameWords(name);
  const first = FIRST_NAME_WORD.exec(rest)?.[1];
  if (!first) return null;
  return { title: titled[1] as string, words, first };
}

/** An address line up to the role, if it holds one ("Joanne Roney Chief Executive ..."). */
function untitledName(line: string): string {
  const role = ROLE.exec(line);
  return role ? line.slice(0, role.index) : line;
}

/**
 * Who the letter is to: the salutation's title and surname ("Dear Mr Johnson"), or the first address line's when
 * the salutation greets the post ("Dear Chief Executive"), names no one ("Dear Colleague") or a first name only;
 * and the chief officer's role from the address.
 */
export function readRecipient(
  salutation: string,
  addressLines: string[],
  warnings: Warning[],
): NonNullable<Letter["recipient"]> {
  const role = ROLE.exec(addressLines.join(" "))?.[1] ?? null;
  const dear = GENERIC.test(salutation) ? null : SALUTATION.exec(salutation);
  const greeted = dear?.[2]?.trim() ?? "";
  let title = dear?.[1] ?? null;
  let surname: string | null = nameWords(greeted)?.pop() ?? greeted.split(/\s+/).pop() ?? null;
  if (!greeted) surname = null;
  const toPost = ROLE.test(greeted) || NOT_A_NAME.test(greeted);
  if (!title || !surname || toPost) {
    const line = addressee(addressLines[0] ?? "");
    const named = line?.words ?? null;
    const lineSurname = named ? (named[named.length - 1] as string) : (line?.first ?? null);
    const greetedWords = !title && !toPost ? nameWords(greeted) : null;
    // An address line without a title is a name only where the salutation says it is: "Joanne Roney OBE".
    const untitled = line ? null : nameWords(untitledName(addressLines[0] ?? ""));
    if (greetedWords?.some((word) => POST_WORD.test(word))) {
      // "Dear Council Leader": a post, not a person; the address line says who, if anyone.
      title = line?.title ?? null;
      surname = lineSurname;
    } else if (greetedWords && greetedWords.length > 1) {
      // "Dear Joanne Roney": the salutation gives the name; the address line, its title if it names her.
      surname = greetedWords[greetedWords.length - 1] as string;
      title = line && named?.includes(surname) ? line.title : null;
    } else if (greetedWords && line && named && named[0] === greetedWords[0] && named.length > 1) {
      // "Dear Joanne" to "Ms Joanne Roney": her first name; the address line gives the rest.
      title = line.title;
      surname = lineSurname;
    } else if (greetedWords && untitled && untitled[0] === greetedWords[0] && untitled.length > 1) {
      title = null;
      surname = untitled[untitled.length - 1] as string;
    } else if (line) {
      title = line.title;
      surname = lineSurname;
    } else if (!dear?.[1]) {
      title = null;
      surname = null;
    }
  }
  // "Dear Chief Executive" is how a letter to a vacant post greets; only a name that should be there and is not is
  // worth a warning.
  const toRole = dear !== null && ROLE.test(greeted) && !dear[1];
  if (!surname && !toRole)
    warnings.push({ field: "recipient", code: "not_found", message: "the addressee's name was not found" });
  return { title, surname, role: role ? normaliseRole(role) : null };
}

/** Roles as normalised, by what the letter printed: a letter's role is one of a few. */
const NORMALISED_ROLES = new Map<string, string>();

function normaliseRole(role: string): string {
  let normalised = NORMALISED_ROLES.get(role);
  if (normalised === undefined) {
    normalised = capitaliseRole(role);
    if (NORMALISED_ROLES.size >= 256) NORMALISED_ROLES.clear();
    NORMALISED_ROLES.set(role, normalised);
  }
  return normalised;
}

function capitaliseRole(role: string): string {
  return role
    .toLowerCase()
    .replace(/\b\w/g, (c) => c.toUpperCase())
    .replace(/\b(And|Of)\b/g, (w) => w.toLowerCase());
}
