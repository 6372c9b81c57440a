import { format, parseISO } from "date-fns";
import { AUTHORITY_TYPE_LABEL } from "../authorities/schema.ts";
import type { ParseError } from "../letters/error.ts";
import type { Letter, Warning } from "../letters/schema.ts";
import type { IngestReport } from "../store/ingest.ts";

const longDate = (iso: string) => format(parseISO(iso), "d MMMM yyyy");
const pct = (value: number | null | undefined) => (value == null ? "n/a" : `${value}%`);

/** A letter as an officer would read it in a terminal: who, when, the three rates against their averages, concerns. */
export function renderLetter(letter: Letter): string {
  const { authority, stats, recipient } = letter;
  const type = authority.type ? AUTHORITY_TYPE_LABEL[authority.type] : "type unknown";
  const lines = [
    `${authority.name} (${type}): ${letter.year} annual review letter${letter.letterDate ? `, ${longDate(letter.letterDate)}` : ""}`,
  ];
  if (recipient) {
    const who = [recipient.title, recipient.surname].filter(Boolean).join(" ");
    lines.push(`  To:          ${[who, recipient.role].filter(Boolean).join(", ")}`);
  }
  if (letter.period)
    lines.push(`  Period:      ${longDate(letter.period.start)} to ${longDate(letter.period.end)}`);
  const row = (label: string, rate: number | null, average: number | null, detail: string) =>
    `  ${label.padEnd(21)}${pct(rate).padStart(5)}   similar authorities ${pct(average).padStart(4)}   ${detail}`;
  if (!stats.upheld && !stats.compliance && !stats.remedy) {
    lines.push("  Statistics:  none in this letter");
  }
  if (stats.upheld) {
    const { rate, similarAverage, count, investigations } = stats.upheld;
    lines.push(
      row(
        "Complaints upheld",
        rate,
        similarAverage,
        `${count ?? "?"} of ${investigations ?? "?"} investigations`,
      ),
    );
    const per = stats.upheld.perHundredThousand;
    if (per) {
      const one = (n: number | null) => (n === null ? "n/a" : n.toFixed(1));
      lines.push(
        `  ${"Per 100,000 residents".padEnd(21)}${one(per.value).padStart(5)}   authorities of the type ${one(per.similarAverage)}   upheld decisions`,
      );
    }
  }
  if (stats.overview) {
    const { dealtWith, notForUs, assessedAndClosed, investigated } = stats.overview;
    const n = (v: number | null) => (v === null ? "?" : String(v));
    lines.push(
      `  ${"Complaints dealt with".padEnd(21)}${n(dealtWith).padStart(5)}   ${n(notForUs)} not for us, ${n(assessedAndClosed)} assessed and closed, ${n(investigated)} investigated`,
    );
  }
  if (stats.compliance) {
    const { rate, similarAverage, outcomes } = stats.compliance;
    lines.push(row("Compliance", rate, similarAverage, `${outcomes ?? "?"} compliance outcomes`));
  }
  if (stats.remedy) {
    const { rate, similarAverage, count } = stats.remedy;
    lines.push(
      row("Satisfactory remedy", rate, similarAverage, `${count ?? "?"} satisfactory remedy decisions`),
    );
  }
  if (letter.concerns.length === 0) lines.push("  Concerns:    none raised");
  for (const concern of letter.concerns) {
    lines.push(`  ${concern.tone.padEnd(8)} ${concern.category}: ${concern.summary}`);
  }
  lines.push(`  Source:      ${letter.source.file}`);
  return lines.join("\n");
}

export function renderWarning(file: string, warning: Warning): string {
  return `${file}: warning: ${warning.field}: ${warning.message}`;
}

export function renderFailure(error: Pick<ParseError, "file" | "field" | "reason">): string {
  return `${error.file}: error: ${error.field}: ${error.reason}`;
}

/** A file whose record was not stored because the stored letter has more figures: like a failure, on stderr. */
export function renderKept(kept: IngestReport["kept"][number]): string {
  return `${kept.file}: not stored: ${kept.id} ${kept.reason}`;
}

/** At most this many updated letters are listed with their changes; the rest are counted. */
const UPDATED_SHOWN = 20;

export function renderIngest(report: IngestReport, storeFile: string): string {
  const { added, updated, unchanged, kept, failed } = report;
  const total = added.length + updated.length + unchanged.length + kept.length + failed.length;
  const lines = [
    `${total} letter file${total === 1 ? "" : "s"} into ${storeFile}: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged, ${failed.length} failed${kept.length > 0 ? `, ${kept.length} not stored (fewer figures than the stored letter)` : ""}`,
  ];
  if (added.length > 0) {
    const shown = added.slice(0, 20).join(", ");
    lines.push(`  added: ${shown}${added.length > 20 ? `, and ${added.length - 20} more` : ""}`);
  }
  for (const { id, file, changes } of updated.slice(0, UPDATED_SHOWN)) {
    lines.push(`  updated: ${id} from ${file}: ${changes.join("; ")}`);
  }
  if (updated.length > UPDATED_SHOWN) lines.push(`  and ${updated.length - UPDATED_SHOWN} more updated`);
  return lines.join("\n");
}
