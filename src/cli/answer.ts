import { type Answer, CONCERN_LABEL, type CouncilFacts, type RateFact } from "../answers/index.ts";

/**
 * An `Answer` as plain text for a terminal: the title, the answer in words, aligned figures with a bar
 * (`81% ████████░░ avg 67%`), concerns with the letter's words, caveats and what to ask next.
 */

const WIDTH = 10;

export function bar(rate: number | null, width = WIDTH): string {
  if (rate === null) return "░".repeat(width);
  const filled = Math.max(0, Math.min(width, Math.round((rate / 100) * width)));
  return "█".repeat(filled) + "░".repeat(width - filled);
}

function rateLine(fact: RateFact): string {
  const rate = fact.rate === null ? "n/a" : `${fact.rate}%`;
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
  return out;
}

export function renderAnswer(answer: Answer): string {
  const out: string[] = [answer.title, "=".repeat(Math.min(answer.title.length, 100))];
  // A name read as a typo is said first, so the reader knows which council the figures are for.
  const typos = answer.caveats.filter((c) => c.startsWith("Did you mean"));
  const caveats = answer.caveats.filter((c) => !c.startsWith("Did you mean"));
  for (const typo of typos) out.push(wrap(typo, ""));
  for (const line of answer.lines) out.push(wrap(line, ""));
  const many = answer.councils.length > 1;
  const figures = answer.councils.flatMap((c) => council(c, many));
  if (figures.length > 0) out.push("", ...figures);
  if (answer.ranking) {
    out.push("");
    answer.ranking.rows.forEach((row, i) => {
      const average = row.average === null ? "" : `avg ${row.average}%`;
      out.push(
        `  ${String(i + 1).padStart(3)}. ${row.authority.shortName.padEnd(34)}${`${row.rate}%`.padStart(4)} ${bar(row.rate)} ${average}`,
      );
    });
    if (answer.ranking.total > answer.ranking.rows.length) {
      out.push(`       … and ${answer.ranking.total - answer.ranking.rows.length} more`);
    }
  }
  if (answer.trend && answer.trend.points.length > 1) {
    out.push(
      "",
      `  ${"year".padEnd(6)}${"upheld".padStart(8)}${"compliance".padStart(12)}${"remedy".padStart(8)}`,
    );
    for (const p of answer.trend.points) {
      const cell = (v: number | null, w: number) => (v === null ? "n/a" : `${v}%`).padStart(w);
      out.push(
        `  ${String(p.year).padEnd(6)}${cell(p.upheld, 8)}${cell(p.compliance, 12)}${cell(p.remedy, 8)}`,
      );
    }
  }
  if (answer.concerns.length > 0) {
    out.push("");
    const several = new Set(answer.concerns.map((c) => c.authority.name)).size > 1;
    for (const concern of answer.concerns) {
      const who = several ? `${concern.authority.shortName}: ` : "";
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
  if (caveats.length > 0) out.push("", ...caveats.map((c) => wrap(`Note: ${c}`, "")));
  if (answer.suggestions.length > 0)
    out.push("", `Try: ${answer.suggestions.map((s) => `“${s}”`).join("  ")}`);
  return out.join("\n");
}
