import { z } from "zod";
import { type Holdings, METRICS } from "../answers/index.ts";
import { AuthorityType } from "../authorities/schema.ts";
import { ConcernCategory, type HeldLetter, Tone } from "../letters/schema.ts";
import type { Ingested, Subscription } from "../store/schema.ts";

/**
 * A channel's weekly digest as data, composed from the stored letters: what is new since the channel's last digest,
 * and for its councils (a watch list, or all) each rate against its similar-authority average, with the councils
 * that need attention first. The CLI prints it as text and the Slack app posts it as Block Kit.
 */

const Rate = z.object({ rate: z.number().nullable(), average: z.number().nullable() });

export const DigestCouncil = z.object({
  name: z.string(),
  shortName: z.string(),
  type: AuthorityType.nullable(),
  year: z.number().int(),
  letterId: z.string(),
  upheld: Rate,
  compliance: Rate,
  remedy: Rate,
  /** Why the council is called out first; empty when it is not. */
  reasons: z.array(z.enum(["upheld_above_average", "compliance_below_100", "concerns"])),
  concerns: z.array(z.object({ category: ConcernCategory, tone: Tone, summary: z.string() })),
});
export type DigestCouncil = z.infer<typeof DigestCouncil>;

export const Digest = z.object({
  title: z.string(),
  generatedAt: z.iso.datetime(),
  /** Letters ingested after this are new; null for a channel's first digest. */
  since: z.iso.datetime().nullable(),
  /** The watch list's names, or null for all councils. */
  watchList: z.array(z.string()).nullable(),
  newLetters: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      shortName: z.string(),
      year: z.number().int(),
      change: z.enum(["added", "updated"]),
    }),
  ),
  /** Called-out councils first (most reasons, then furthest above the upheld average), then the rest by name. */
  councils: z.array(DigestCouncil),
  counts: z.object({
    councils: z.number().int(),
    upheldAboveAverage: z.number().int(),
    complianceBelow100: z.number().int(),
    withConcerns: z.number().int(),
  }),
  /** Watch-list councils the bot holds no letter for. */
  missing: z.array(z.string()),
  /** Nothing was ingested since the last digest. */
  unchanged: z.boolean(),
});
export type Digest = z.infer<typeof Digest>;

export interface DigestInput {
  holdings: Holdings;
  ingested: readonly Ingested[];
  /** Authority full names; empty for all councils. */
  councils: readonly string[];
  since: string | null;
  now: Date;
}

const byIdCache = new WeakMap<Holdings, Map<string, HeldLetter>>();

function lettersById(holdings: Holdings): Map<string, HeldLetter> {
  let found = byIdCache.get(holdings);
  if (!found) {
    found = new Map(holdings.letters.map((l) => [l.id, l]));
    byIdCache.set(holdings, found);
  }
  return found;
}

/** The ingest log newest first, sorted once, so each channel's "new since" reads only the entries it needs. */
const newestFirstCache = new WeakMap<readonly Ingested[], Ingested[]>();

function ingestedAfter(ingested: readonly Ingested[], since: string | null): Ingested[] {
  if (since === null) return [...ingested];
  let newest = newestFirstCache.get(ingested);
  if (!newest) {
    newest = [...ingested].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    newestFirstCache.set(ingested, newest);
  }
  const out: Ingested[] = [];
  for (const entry of newest) {
    if (entry.at <= since) break;
    out.push(entry);
  }
  return out;
}

type NewLetter = Digest["newLetters"][number];
const newCache = new WeakMap<readonly Ingested[], Map<string, NewLetter[]>>();

/**
 * The letters ingested after `since`, newest letter year first. Every channel with the same last post shares one
 * list (a fresh store makes every letter new to every channel), and a watch list only filters it.
 */
function newSince(holdings: Holdings, ingested: readonly Ingested[], since: string | null): NewLetter[] {
  let bySince = newCache.get(ingested);
  if (!bySince) {
    bySince = new Map();
    newCache.set(ingested, bySince);
  }
  const key = since ?? "";
  let found = bySince.get(key);
  if (!found) {
    const letters = lettersById(holdings);
    found = ingestedAfter(ingested, since)
      .flatMap((entry) => {
        const letter = letters.get(entry.id);
        return letter
          ? [
              {
                id: entry.id,
                name: letter.authority.name,
                shortName: letter.authority.shortName,
                year: letter.year,
                change: entry.change,
              },
            ]
          : [];
      })
      .sort((a, b) => b.year - a.year || byName(a.shortName, b.shortName));
    bySince.set(key, found);
  }
  return found;
}

const councilCache = new WeakMap<HeldLetter, DigestCouncil>();

function councilOf(letter: HeldLetter): DigestCouncil {
  const cached = councilCache.get(letter);
  if (cached) return cached;
  const { upheld, compliance, remedy } = letter.stats;
  const reasons: DigestCouncil["reasons"] = [];
  if (upheld?.rate != null && upheld.similarAverage != null && upheld.rate > upheld.similarAverage) {
    reasons.push("upheld_above_average");
  }
  if (compliance?.rate != null && compliance.rate < 100) reasons.push("compliance_below_100");
  const concerns = letter.concerns.filter((c) => c.tone === "concern");
  if (concerns.length > 0) reasons.push("concerns");
  const council: DigestCouncil = {
    name: letter.authority.name,
    shortName: letter.authority.shortName,
    type: letter.authority.type,
    year: letter.year,
    letterId: letter.id,
    upheld: { rate: upheld?.rate ?? null, average: upheld?.similarAverage ?? null },
    compliance: { rate: compliance?.rate ?? null, average: compliance?.similarAverage ?? null },
    remedy: { rate: remedy?.rate ?? null, average: remedy?.similarAverage ?? null },
    reasons,
    concerns: letter.concerns.map(({ category, tone, summary }) => ({ category, tone, summary })),
  };
  councilCache.set(letter, council);
  return council;
}

const upheldExcess = (c: DigestCouncil) =>
  c.upheld.rate !== null && c.upheld.average !== null
    ? c.upheld.rate - c.upheld.average
    : Number.NEGATIVE_INFINITY;

/** `localeCompare`'s order (the default locale's), from one collator: `localeCompare` looks its collator up per call. */
const byName = new Intl.Collator().compare;

function order(a: DigestCouncil, b: DigestCouncil): number {
  return (
    b.reasons.length - a.reasons.length ||
    upheldExcess(b) - upheldExcess(a) ||
    byName(a.shortName, b.shortName)
  );
}

/** Every council's latest letter in digest order, once per holdings: every all-councils channel gets the same. */
const allCache = new WeakMap<Holdings, DigestCouncil[]>();

function allCouncils(holdings: Holdings): DigestCouncil[] {
  let all = allCache.get(holdings);
  if (!all) {
    all = holdings.councils.map(councilOf).sort(order);
    allCache.set(holdings, all);
  }
  return all;
}

const WEEK_OF = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

export function composeDigest(input: DigestInput): Digest {
  const latestOf = (name: string) => input.holdings.ofCouncil(name)[0];
  const watch = input.councils.length > 0 ? new Set(input.councils) : null;
  // Shared between channels, like the councils' entries: treat as read-only.
  const councils = watch
    ? [...watch]
        .flatMap((name) => latestOf(name) ?? [])
        .map(councilOf)
        .sort(order)
    : allCouncils(input.holdings);

  const fresh = newSince(input.holdings, input.ingested, input.since);
  const newLetters = watch ? fresh.filter((l) => watch.has(l.name)) : fresh;

  const count = (reason: DigestCouncil["reasons"][number]) =>
    councils.filter((c) => c.reasons.includes(reason)).length;
  return {
    title: `Ombudsman digest, week of ${WEEK_OF.format(input.now)}`,
    generatedAt: input.now.toISOString(),
    since: input.since,
    watchList: watch ? [...watch] : null,
    // Shared between channels: treat as read-only.
    newLetters,
    councils,
    counts: {
      councils: councils.length,
      upheldAboveAverage: count("upheld_above_average"),
      complianceBelow100: count("compliance_below_100"),
      withConcerns: count("concerns"),
    },
    missing: watch ? [...watch].filter((name) => !latestOf(name)) : [],
    unchanged: input.since !== null && newLetters.length === 0,
  };
}

/**
 * A channel's digest: its watch list, and what is new since its last post. Without a subscription, the digest of
 * all councils with everything counted as new.
 */
export function digestFor(
  subscription: Pick<Subscription, "councils" | "lastPostedAt"> | undefined,
  input: Omit<DigestInput, "councils" | "since">,
): Digest {
  return composeDigest({
    ...input,
    councils: subscription?.councils ?? [],
    since: subscription?.lastPostedAt ?? null,
  });
}

/** Labels for the reasons a council is called out. */
export const REASON_LABEL: Record<DigestCouncil["reasons"][number], string> = {
  upheld_above_average: `${METRICS.upheld.label.toLowerCase()} above the similar-authority average`,
  compliance_below_100: "compliance below 100%",
  concerns: "concerns raised",
};
