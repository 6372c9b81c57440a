import { type Chart, MAX_RANKING_ROWS } from "../charts/index.ts";
import type { Digest } from "./compose.ts";

/**
 * The digest's chart of the week: its councils' complaints upheld, highest first, each against its similar-authority
 * average (a council whose upheld rate is not calculable is left out and named). Null when no council has a figure.
 */
export function chartOfTheWeek(digest: Digest): Chart | null {
  const figured = digest.councils
    .filter((c): c is typeof c & { upheld: { rate: number } } => c.upheld.rate !== null)
    .sort((a, b) => b.upheld.rate - a.upheld.rate || a.shortName.localeCompare(b.shortName));
  if (figured.length === 0) return null;
  const shown = figured.slice(0, MAX_RANKING_ROWS);
  const rows = shown.map((c) => {
    const place = 1 + figured.findIndex((o) => o.upheld.rate === c.upheld.rate);
    const tied = figured.filter((o) => o.upheld.rate === c.upheld.rate).length > 1;
    return { place, tied, name: c.shortName, value: c.upheld.rate, average: c.upheld.average };
  });
  const left = digest.councils.filter((c) => c.upheld.rate === null).map((c) => c.shortName);
  const scope = digest.watchList ? "the councils this channel watches" : "every council held";
  const count =
    shown.length === figured.length ? `All ${figured.length}` : `Top ${shown.length} of ${figured.length}`;
  return {
    kind: "ranking",
    title: "Complaints upheld, latest letters",
    subtitle: `${count} of ${scope}, highest first. Black ticks: each council's similar-authority average.`,
    notes:
      left.length > 0
        ? [
            `Not calculable (no investigations): ${left.slice(0, 10).join(", ")}${left.length > 10 ? ` and ${left.length - 10} more` : ""}.`,
          ]
        : [],
    measure: "upheld",
    label: "Complaints upheld",
    unit: "percent",
    order: "highest",
    total: figured.length,
    rows,
  };
}
