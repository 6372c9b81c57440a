import { CONCERN_LABEL } from "../answers/index.ts";
import { percent } from "../phrasing.ts";
import { type Digest, type DigestCouncil, REASON_LABEL } from "./compose.ts";

/** How many councils a digest lists by name before it summarises the rest as a count. */
export const LISTED = 15;

function rates(c: DigestCouncil): string {
  const part = (label: string, r: { rate: number | null; average: number | null }) =>
    `${label} ${percent(r.rate)}${r.average === null ? "" : ` (avg ${r.average}%)`}`;
  return [part("upheld", c.upheld), part("compliance", c.compliance), part("remedy", c.remedy)].join("  ");
}

/** The first `max` items as `show` writes them, and how many more: only those shown are written (a first digest after a large ingest lists thousands of new letters). */
function list<T>(items: readonly T[], show: (item: T) => string, max = 8): string {
  const shown = items.slice(0, max).map(show).join(", ");
  return items.length <= max ? shown : `${shown} and ${items.length - max} more`;
}

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** The digest as plain text, for `ombuds digest --dry-run` and the console. */
export function renderDigestText(digest: Digest): string {
  const out = [digest.title, "=".repeat(digest.title.length)];
  const day = (iso: string) => DAY.format(new Date(iso));
  if (digest.since === null) {
    out.push(
      `First digest${digest.watchList ? ` for ${list(digest.watchList, String)}` : ""}: the latest letter of each council.`,
    );
  } else if (digest.unchanged) {
    out.push(`Nothing new since the last digest (${day(digest.since)}).`);
  } else {
    out.push(
      `New since ${day(digest.since)}: ${digest.newLetters.length} letter${digest.newLetters.length === 1 ? "" : "s"} (${list(digest.newLetters, (l) => `${l.shortName} ${l.year}${l.change === "updated" ? " (updated)" : ""}`)}).`,
    );
  }
  const { counts } = digest;
  out.push(
    `${counts.councils} council${counts.councils === 1 ? "" : "s"}: ${counts.upheldAboveAverage} above the similar-authority average on complaints upheld, ${counts.complianceBelow100} below 100% compliance, ${counts.withConcerns} with concerns raised.`,
  );
  const called = digest.councils.filter((c) => c.reasons.length > 0);
  const others = digest.councils.filter((c) => c.reasons.length === 0);
  if (called.length > 0) {
    out.push("", "Needing attention");
    for (const c of called.slice(0, LISTED)) {
      out.push(`  ${`${c.shortName} ${c.year}`.padEnd(34)} ${rates(c)}`);
      out.push(`      ${c.reasons.map((r) => REASON_LABEL[r]).join("; ")}`);
      for (const concern of c.concerns.filter((x) => x.tone === "concern")) {
        out.push(`      ! ${CONCERN_LABEL[concern.category]}: ${concern.summary}`);
      }
    }
    if (called.length > LISTED) out.push(`  … and ${called.length - LISTED} more needing attention`);
  }
  const room = Math.max(0, LISTED - Math.min(called.length, LISTED));
  if (others.length > 0) {
    out.push("", called.length > 0 ? "The others" : "Councils");
    for (const c of others.slice(0, room)) out.push(`  ${`${c.shortName} ${c.year}`.padEnd(34)} ${rates(c)}`);
    if (others.length > room) out.push(`  … and ${others.length - room} more within their averages`);
  }
  if (digest.missing.length > 0) out.push("", `No letter held yet for: ${list(digest.missing, String)}.`);
  out.push("", "Ask more: /ombuds <council>, or mention @ombuds with a question.");
  return out.join("\n");
}
