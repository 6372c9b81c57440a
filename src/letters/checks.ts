import { AUTHORITY_TYPE_LABEL } from "../authorities/schema.ts";
import type { Letter, Warning } from "./schema.ts";

/**
 * The internal checks of DESIGN.md that need the whole record: the period against the year and the date, and, across
 * letters, the similar-authority averages. They never change a figure: a record that fails one carries a warning
 * that names it, so a person can look at the letter.
 */

type Checked = Pick<Letter, "year" | "letterDate" | "period" | "stats">;

export function checkLetter(letter: Checked): Warning[] {
  // How the figures agree with each other is reconciled as they are read (consistency.ts); these are the dates.
  const warnings: Warning[] = [];
  if (letter.period) {
    if (letter.period.end !== `${letter.year}-03-31`) {
      warnings.push({
        field: "period.end",
        code: "inconsistent",
        message: `${letter.period.end} is not 31 March ${letter.year}`,
      });
    }
    if (letter.period.start !== `${letter.year - 1}-04-01`) {
      warnings.push({
        field: "period.start",
        code: "inconsistent",
        message: `${letter.period.start} is not 1 April ${letter.year - 1}`,
      });
    }
    if (letter.letterDate && letter.letterDate <= letter.period.end) {
      warnings.push({
        field: "letterDate",
        code: "inconsistent",
        message: `${letter.letterDate} is before the end of the period it reviews`,
      });
    }
  }
  return warnings;
}

type Averages = string;

function averagesOf(letter: Letter): Averages | null {
  const { upheld, compliance, remedy } = letter.stats;
  const values = [upheld?.similarAverage, compliance?.similarAverage, remedy?.similarAverage];
  // From 2024 the average of upheld decisions per 100,000 residents is also one figure per type and year.
  if (upheld?.perHundredThousand) values.push(upheld.perHundredThousand.similarAverage);
  return values.every((v) => v != null) ? values.join("/") : null;
}

/**
 * Every council of one type gets the same similar-authority averages in a year (in 2020 every metropolitan borough
 * letter gives 67% / 100% / 11%). A letter whose averages differ from the others of its type and year, or match
 * another type's, has probably been misread or has the wrong type. Returns the warnings for `checked`, judged
 * against all of `letters` (which should include them).
 */
export function checkAverages(
  checked: readonly Letter[],
  letters: readonly Letter[],
): Map<string, Warning[]> {
  // year → type → averages → how many letters give them
  const seen = new Map<string, Map<Averages, number>>();
  for (const letter of letters) {
    const averages = averagesOf(letter);
    if (!averages || !letter.authority.type) continue;
    const key = `${letter.year}:${letter.authority.type}`;
    const counts = seen.get(key) ?? new Map<Averages, number>();
    counts.set(averages, (counts.get(averages) ?? 0) + 1);
    seen.set(key, counts);
  }
  const usual = (key: string): { averages: Averages; count: number } | undefined => {
    let best: { averages: Averages; count: number } | undefined;
    for (const [averages, count] of seen.get(key) ?? []) {
      if (!best || count > best.count) best = { averages, count };
    }
    return best;
  };

  const out = new Map<string, Warning[]>();
  for (const letter of checked) {
    const averages = averagesOf(letter);
    const type = letter.authority.type;
    if (!averages || !type) continue;
    const own = usual(`${letter.year}:${type}`);
    const warnings: Warning[] = [];
    if (own && own.averages !== averages && own.count >= 2) {
      warnings.push({
        field: "stats.similarAverage",
        code: "inconsistent",
        message: `averages ${averages} differ from the ${own.averages} that ${own.count} other ${AUTHORITY_TYPE_LABEL[type]} letters of ${letter.year} give`,
      });
      for (const [otherType, label] of Object.entries(AUTHORITY_TYPE_LABEL)) {
        const other = usual(`${letter.year}:${otherType}`);
        if (otherType !== type && other?.averages === averages && other.count >= 2) {
          warnings.push({
            field: "authority.type",
            code: "wrong_type",
            message: `averages ${averages} are those of ${label} letters of ${letter.year}, not of a ${AUTHORITY_TYPE_LABEL[type]}`,
          });
        }
      }
    }
    if (warnings.length > 0) out.set(letter.id, warnings);
  }
  return out;
}

/** The letters with their cross-letter warnings added (replacing any earlier ones of the same kind). */
export function withAverageWarnings(checked: readonly Letter[], letters: readonly Letter[]): Letter[] {
  const found = checkAverages(checked, letters);
  return checked.map((letter) => {
    // The cross-letter warnings are these two kinds alone: the whole-letter "stats.similarAverage" and a wrong type.
    const kept = letter.warnings.filter((w) => w.field !== "stats.similarAverage" && w.code !== "wrong_type");
    const added = found.get(letter.id) ?? [];
    return added.length === 0 && kept.length === letter.warnings.length
      ? letter
      : { ...letter, warnings: [...kept, ...added] };
  });
}
