import { z } from "zod";
import { AuthorityType } from "../authorities/schema.ts";

/**
 * The `Letter` record of DESIGN.md. Its JSON field names are a contract (`ombuds parse --json`, the store file), so
 * change them only with a schemaVersion bump.
 */

const isoDate = z.iso.date();
const percent = z.number().min(0).max(100);
const count = z.number().int().min(0);
/** Upheld decisions per 100,000 residents, printed to one decimal. */
const perResidents = z.number().min(0).max(100_000);

/** The kinds of paragraph the Ombudsman writes to one council; extend here and nowhere else. */
export const ConcernCategory = z.enum([
  "remedy_delays",
  "slow_enquiry_responses",
  "witness_summons",
  "compliance_failure",
  "public_report",
  "complaint_handling",
  "meeting_requested",
  "training",
  "improvement",
  "other",
]);
export type ConcernCategory = z.infer<typeof ConcernCategory>;

export const Tone = z.enum(["concern", "praise", "note"]);
export type Tone = z.infer<typeof Tone>;

export const Concern = z
  .object({
    category: ConcernCategory,
    tone: Tone,
    summary: z.string().min(1),
    quote: z.string().min(1),
  })
  .strict();
export type Concern = z.infer<typeof Concern>;

/**
 * From 2024: upheld decisions per 100,000 residents ("Adjusted for Kent's population, this is 4.8 upheld decisions
 * per 100,000 residents") and the average for authorities of the type ("The average for authorities of this type is
 * 4.5 ..."). The whole object is null where the letter gives neither.
 */
export const PerHundredThousand = z
  .object({ value: perResidents.nullable(), similarAverage: perResidents.nullable() })
  .strict();
export type PerHundredThousand = z.infer<typeof PerHundredThousand>;

/** Each figure is null where the letter does not give it, or gives it in a way we cannot read with certainty. */
export const UpheldStat = z
  .object({
    rate: percent.nullable(),
    similarAverage: percent.nullable(),
    count: count.nullable(),
    investigations: count.nullable(),
    perHundredThousand: PerHundredThousand.nullable(),
  })
  .strict();
export type UpheldStat = z.infer<typeof UpheldStat>;

export const ComplianceStat = z
  .object({ rate: percent.nullable(), similarAverage: percent.nullable(), outcomes: count.nullable() })
  .strict();
export type ComplianceStat = z.infer<typeof ComplianceStat>;

export const RemedyStat = z
  .object({
    rate: percent.nullable(),
    similarAverage: percent.nullable(),
    count: count.nullable(),
    investigations: count.nullable(),
  })
  .strict();
export type RemedyStat = z.infer<typeof RemedyStat>;

/**
 * From 2025: what happened to every complaint the Ombudsman dealt with in the year ("we dealt with 291 complaints.
 * Of these, 87 were not for us or not ready for us to investigate. We assessed and closed 128 complaints. We
 * investigated 76 complaints."). Null where the letter does not give it.
 */
export const Overview = z
  .object({
    dealtWith: count.nullable(),
    notForUs: count.nullable(),
    assessedAndClosed: count.nullable(),
    investigated: count.nullable(),
  })
  .strict();
export type Overview = z.infer<typeof Overview>;

export const Stats = z
  .object({
    upheld: UpheldStat.nullable(),
    compliance: ComplianceStat.nullable(),
    remedy: RemedyStat.nullable(),
    overview: Overview.nullable(),
  })
  .strict();
export type Stats = z.infer<typeof Stats>;

/** The three rates by the names people use for them. */
export const Metric = z.enum(["upheld", "compliance", "remedy"]);
export type Metric = z.infer<typeof Metric>;

/**
 * What kind of doubt a warning records, for callers to act on (the message is for people, and may be reworded):
 * - `not_found`: the letter does not give it, or it could not be found;
 * - `unreadable`: the letter speaks of it, but its figure could not be read;
 * - `out_of_range`: a figure that cannot be (over 100%, negative, digits glued to it), left empty;
 * - `not_given`: the letter prints "n/a";
 * - `conflicting`: the letter states it twice with different values (figures, years, periods);
 * - `inconsistent`: it contradicts another figure or date (a count against its rate, a date before the period ends,
 *   averages unlike other letters of the year);
 * - `not_calculable`: a rate over no cases, which is not 0%;
 * - `ambiguous`: it may be another section's (an average away from its rate);
 * - `unknown_authority`: the council is not in the reference list, so its type is unknown;
 * - `authority_not_current`: the council did not exist in the year the letter reviews;
 * - `wrong_type`: the averages are those of another type of council.
 */
export const WarningCode = z.enum([
  "not_found",
  "unreadable",
  "out_of_range",
  "not_given",
  "conflicting",
  "inconsistent",
  "not_calculable",
  "ambiguous",
  "unknown_authority",
  "authority_not_current",
  "wrong_type",
]);
export type WarningCode = z.infer<typeof WarningCode>;

export const Warning = z
  .object({ field: z.string().min(1), code: WarningCode, message: z.string().min(1) })
  .strict();
export type Warning = z.infer<typeof Warning>;

export const Letter = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\/\d{4}$/),
    authority: z
      .object({ name: z.string().min(1), shortName: z.string().min(1), type: AuthorityType.nullable() })
      .strict(),
    year: z.number().int().min(2000).max(2100),
    letterDate: isoDate.nullable(),
    period: z.object({ start: isoDate, end: isoDate }).strict().nullable(),
    recipient: z
      .object({ title: z.string().nullable(), surname: z.string().nullable(), role: z.string().nullable() })
      .strict()
      .nullable(),
    stats: Stats,
    concerns: z.array(Concern),
    source: z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict(),
    warnings: z.array(Warning),
  })
  .strict();
export type Letter = z.infer<typeof Letter>;

/**
 * A letter as answers, digests and charts read it: all of it but its file's hash, which only an ingest compares
 * with a file. The Slack app's answering thread keeps its letters without it (src/store/shared.ts): 64 characters a
 * letter, 3 MB of a 32,000-letter store.
 */
export type HeldLetter = Omit<Letter, "source"> & { source: Pick<Letter["source"], "file"> };
