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

export function renderIngest(report: IngestReport, storeFile: string): string {
  const total = report.added.length + report.updated.length + report.unchanged.length + report.failed.length;
  const lines = [
    `${total} letter file${total === 1 ? "" : "s"} into ${storeFile}: ${report.added.length} added, ${report.updated.length} updated, ${report.unchanged.length} unchanged, ${report.failed.length} failed`,
  ];
  const list = (label: string, ids: string[]) => {
    if (ids.length === 0) return;
    const shown = ids.slice(0, 20).join(", ");
    lines.push(`  ${label}: ${shown}${ids.length > 20 ? `, and ${ids.length - 20} more` : ""}`);
  };
  list("added", report.added);
  list("updated", report.updated);
  return lines.join("\n");
}
