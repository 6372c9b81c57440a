import {
  type Answer,
  CONCERN_LABEL,
  type CouncilFacts,
  isNameNote,
  type RateFact,
} from "../answers/index.ts";
import { bar } from "../phrasing.ts";

/**
 * An `Answer` as plain text for a terminal: the title, the answer in words, aligned figures with a bar
 * (`81% ████████░░ avg 67%`), concerns with the letter's words, notes and what to ask next.
 */

const WIDTH = 10;

function rateLine(fact: RateFact): string {
  // "n/c": not calculable, the rate is over no cases; "n/a": the letter gives none, or it could not be read.
  const rate = fact.rate !== null ? `${fact.rate}%` : fact.noCases ? "n/c" : "n/a";
  const average = fact.average === null ? "" : `avg ${fact.average}%`;
  const base =
    fact.base === null
      ? ""
      : `  (${fact.base} ${fact.base === 1 ? fact.baseLabel.replace(/s$/, "") : fact.baseLabel})`;
  return `  ${fact.label.padEnd(32)}${rate.padStart(4)} ${bar(fact.rate)} ${average.padEnd(8)}${base}`;
}

function wrap(text: string, indent: string, width = 100): string {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + word.length + 1 > width - indent.length) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join("\n");
}

function council(facts: CouncilFacts, many: boolean): string[] {
  const out: string[] = [];
  if (many) out.push(`${facts.authority.name} (${facts.source.year})`);
  for (const fact of facts.rates) out.push(rateLine(fact));
  const per = facts.perResidents;
  if (per?.value != null) {
    const average = per.average === null ? "" : `avg ${per.average.toFixed(1)}`;
    out.push(
      `  ${"Upheld per 100,000 residents".padEnd(32)}${per.value.toFixed(1).padStart(4)} ${" ".repeat(WIDTH)} ${average}`,
    );
  }
  return out;
}

export function renderAnswer(answer: Answer): string {
  const out: string[] = [answer.title, "=".repeat(Math.min(answer.title.length, 100))];
  // A name read as a typo is said first, so the reader knows which council the figures are for.
  const typos = answer.notes.filter(isNameNote);
  const notes = answer.notes.filter((n) => !isNameNote(n));
  for (const typo of typos) out.push(wrap(typo.text, ""));
  for (const line of answer.lines) out.push(wrap(line, ""));
  const many = answer.councils.length > 1;
  const figures = answer.councils.flatMap((c) => council(c, many));
  if (figures.length > 0) out.push("", ...figures);
  if (answer.ranking) {
    out.push("");
    const { unit } = answer.ranking;
    const percent = unit === "%";
    for (const row of answer.ranking.rows) {
      const average =
        row.average === null ? "" : `avg ${percent ? `${row.average}%` : row.average.toFixed(1)}`;
      const place = `${row.tied ? "=" : ""}${row.place}.`;
      const figure = percent ? `${row.rate}%`.padStart(4) : row.rate.toFixed(1).padStart(5);
      out.push(
        `  ${place.padStart(4)} ${row.authority.shortName.padEnd(34)}${figure} ${percent ? `${bar(row.rate)} ` : ""}${average}`,
      );
    }
    if (answer.ranking.total > answer.ranking.rows.length) {
      out.push(`       … and ${answer.ranking.total - answer.ranking.rows.length} more`);
    }
  }
  if (answer.trend && answer.trend.points.length > 1) {
    const perResidents = answer.trend.points.some((p) => p.perResidents !== null);
    out.push(
      "",
      `  ${"year".padEnd(6)}${"upheld".padStart(8)}${"compliance".padStart(12)}${"remedy".padStart(8)}${perResidents ? "per 100k".padStart(10) : ""}`,
    );
    for (const p of answer.trend.points) {
      // "n/c": not calculable (no cases that year); "n/a": not given or not read.
      const cell = (metric: "upheld" | "compliance" | "remedy", w: number) => {
        const v = p[metric];
        return (v !== null ? `${v}%` : p.noCases.includes(metric) ? "n/c" : "n/a").padStart(w);
      };
      const per = perResidents
        ? (p.perResidents === null ? "n/a" : p.perResidents.toFixed(1)).padStart(10)
        : "";
      out.push(
        `  ${String(p.year).padEnd(6)}${cell("upheld", 8)}${cell("compliance", 12)}${cell("remedy", 8)}${per}`,
      );
    }
  }
  if (answer.concerns.length > 0) {
    out.push("");
    const several = new Set(answer.concerns.map((c) => c.authority.name)).size > 1;
    // Beside other councils' figures (side by side), even one council's concerns say whose they are.
    const named =
      several || answer.councils.some((c) => c.authority.name !== answer.concerns[0]?.authority.name);
    // Concerns from letters of several years ("since 2022") say which year's letter raised each.
    const years = new Set(answer.concerns.map((c) => c.year)).size > 1;
    for (const concern of answer.concerns) {
      const who = named
        ? `${concern.authority.shortName}${years ? ` ${concern.year}` : ""}: `
        : years
          ? `${concern.year}: `
          : "";
      out.push(
        `  ${concern.tone === "praise" ? "+" : "!"} ${who}${CONCERN_LABEL[concern.category]}: ${concern.summary}`,
      );
      if (!several || answer.concerns.length <= 6) out.push(wrap(`“${concern.quote}”`, "      "));
    }
  }
  if (answer.holdings && answer.holdings.withConcerns.length > 0) {
    out.push(
      "",
      wrap(`Councils with concerns in the latest letters: ${answer.holdings.withConcerns.join(", ")}`, "  "),
    );
  }
  const sources = [...new Set([...answer.councils.map((c) => c.source.file)])];
  if (sources.length > 0 && sources.length <= 3) out.push("", `Source: ${sources.join(", ")}`);
  if (notes.length > 0) out.push("", ...notes.map((n) => wrap(`Note: ${n.text}`, "")));
  if (answer.suggestions.length > 0)
    out.push("", `Try: ${answer.suggestions.map((s) => `“${s}”`).join("  ")}`);
  return out.join("\n");
}
