import type { Letter } from "../letters/schema.ts";

/**
 * How many figures a record gives: every non-null number in its `stats` (rates, averages, counts, investigations,
 * outcomes, per-100,000 figures, overview counts), whatever shape `stats` grows into.
 */
export function countFigures(letter: Letter): number {
  let count = 0;
  const walk = (value: unknown): void => {
    if (typeof value === "number") count++;
    else if (typeof value === "object" && value !== null)
      for (const child of Object.values(value)) walk(child);
  };
  walk(letter.stats);
  return count;
}

/** At most this many changes are named; the rest are counted. */
export const MAX_CHANGES = 10;

type Leaf = string | number | boolean | null;

/** `value`'s leaves by dotted path; an object that is null is one leaf, null, at its own path. */
function leaves(value: unknown, path: string, out: Map<string, Leaf>): Map<string, Leaf> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, `${path}.${key}`, out);
  } else {
    out.set(path, (value ?? null) as Leaf);
  }
  return out;
}

/** A leaf's value, where a null ancestor (a whole stat that is null) makes it null. */
function valueAt(map: Map<string, Leaf>, path: string): Leaf | undefined {
  if (map.has(path)) return map.get(path);
  for (let end = path.lastIndexOf("."); end > 0; end = path.lastIndexOf(".", end - 1)) {
    const prefix = path.slice(0, end);
    if (map.has(prefix)) return map.get(prefix) === null ? null : undefined;
  }
  return undefined;
}

/**
 * Each leaf that differs, as "path old → new", old paths first. Where a whole object is null on one side and has
 * leaves on the other (a stat the letter now gives), its leaves are compared with null one by one.
 */
function diffLeaves(before: unknown, after: unknown, path: string): string[] {
  const a = leaves(before, path, new Map());
  const b = leaves(after, path, new Map());
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const expanded = (p: string) => paths.some((other) => other.startsWith(`${p}.`));
  const show = (value: Leaf | undefined) => (value === undefined ? "absent" : String(value));
  const out: string[] = [];
  for (const p of paths) {
    if (expanded(p)) continue;
    const old = valueAt(a, p);
    const now = valueAt(b, p);
    if (old !== now) out.push(`${p} ${show(old)} → ${show(now)}`);
  }
  return out;
}

function listChange(label: string, before: readonly unknown[], after: readonly unknown[]): string[] {
  if (before.length !== after.length) return [`${label}: ${before.length} → ${after.length}`];
  if (JSON.stringify(before) !== JSON.stringify(after)) return [`${label}: ${after.length}, reworded`];
  return [];
}

/**
 * What changed from the stored record to the new one, for people: figures, dates, recipient and authority as
 * "path old → new", the number of concerns and warnings, the source file. At most `MAX_CHANGES`, then "and N more".
 */
export function describeChanges(before: Letter, after: Letter): string[] {
  const changes = [
    ...diffLeaves(before.authority, after.authority, "authority"),
    ...diffLeaves(before.letterDate, after.letterDate, "letterDate"),
    ...diffLeaves(before.period, after.period, "period"),
    ...diffLeaves(before.recipient, after.recipient, "recipient"),
    ...diffLeaves(before.stats, after.stats, "stats"),
    ...listChange("concerns", before.concerns, after.concerns),
    ...listChange("warnings", before.warnings, after.warnings),
    ...diffLeaves(before.source.file, after.source.file, "source.file"),
  ];
  if (changes.length === 0 && before.source.sha256 !== after.source.sha256) {
    changes.push(
      `source.sha256 ${before.source.sha256.slice(0, 12)}… → ${after.source.sha256.slice(0, 12)}… (the file's text changed, no figure did)`,
    );
  }
  if (changes.length === 0)
    changes.push("no figure, date, name, count or file changed; the record was rewritten");
  if (changes.length > MAX_CHANGES) {
    const more = changes.length - MAX_CHANGES;
    return [...changes.slice(0, MAX_CHANGES), `and ${more} more`];
  }
  return changes;
}
