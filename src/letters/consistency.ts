import type { Stats, Warning } from "./schema.ts";

/**
 * The statistics page states some facts twice: the upheld rate is upheld decisions over investigations, the remedy
 * rate satisfactory remedies over upheld decisions, the remedy section's base repeats the investigations (2019–20)
 * or the upheld decisions (2021 on), and the 2025 overview's investigations are the upheld section's. A figure that
 * contradicts another cannot be trusted, and which of the two is wrong is told by a third statement that agrees with
 * one of them. Whatever no other statement backs is set to null with a warning naming it: a plausible wrong value
 * (a count with a digit glued on) is never kept.
 */

type Path =
  | "upheld.rate"
  | "upheld.count"
  | "upheld.investigations"
  | "compliance.rate"
  | "compliance.outcomes"
  | "remedy.rate"
  | "remedy.count"
  | "remedy.investigations"
  | "remedy.base"
  | "overview.dealtWith"
  | "overview.notForUs"
  | "overview.assessedAndClosed"
  | "overview.investigated";

interface Constraint {
  fields: Path[];
  /** Whether the values agree; called only when none is null. */
  holds: (v: (path: Path) => number) => boolean;
  /** An equality (two statements of one fact) corroborates its fields when it holds; an inequality does not. */
  corroborates: boolean;
  says: (v: (path: Path) => number) => string;
}

/** Rates are printed as whole percentages: one within a point of the exact share agrees with its counts. */
const near = (rate: number, part: number, whole: number) => Math.abs(rate - (100 * part) / whole) <= 1;

/** Some whole number of `outcomes` makes `rate`% of them. */
const someShare = (rate: number, outcomes: number) => {
  for (let k = 0; k <= outcomes; k++) if (near(rate, k, outcomes)) return true;
  return false;
};

const CONSTRAINTS: Constraint[] = [
  {
    fields: ["upheld.rate", "upheld.count", "upheld.investigations"],
    holds: (v) =>
      v("upheld.investigations") === 0
        ? v("upheld.count") === 0
        : near(v("upheld.rate"), v("upheld.count"), v("upheld.investigations")),
    corroborates: true,
    says: (v) =>
      `${v("upheld.rate")}% upheld does not match ${v("upheld.count")} upheld decisions of ${v("upheld.investigations")} investigations`,
  },
  {
    fields: ["upheld.count", "upheld.investigations"],
    holds: (v) => v("upheld.count") <= v("upheld.investigations"),
    corroborates: false,
    says: (v) =>
      `${v("upheld.count")} upheld decisions is more than the ${v("upheld.investigations")} investigations`,
  },
  {
    fields: ["remedy.rate", "remedy.count", "upheld.count"],
    holds: (v) =>
      v("upheld.count") === 0
        ? v("remedy.count") === 0
        : near(v("remedy.rate"), v("remedy.count"), v("upheld.count")),
    corroborates: true,
    says: (v) =>
      `${v("remedy.rate")}% does not match ${v("remedy.count")} satisfactory remedies of ${v("upheld.count")} upheld decisions`,
  },
  {
    fields: ["remedy.count", "upheld.count"],
    holds: (v) => v("remedy.count") <= v("upheld.count"),
    corroborates: false,
    says: (v) =>
      `${v("remedy.count")} satisfactory remedies is more than the ${v("upheld.count")} upheld decisions`,
  },
  {
    fields: ["remedy.investigations", "upheld.investigations"],
    holds: (v) => v("remedy.investigations") === v("upheld.investigations"),
    corroborates: true,
    says: (v) =>
      `the remedy section is based on ${v("remedy.investigations")} investigations but the upheld section on ${v("upheld.investigations")}`,
  },
  {
    fields: ["remedy.base", "upheld.count"],
    holds: (v) => v("remedy.base") === v("upheld.count"),
    corroborates: true,
    says: (v) =>
      `the remedy section is based on ${v("remedy.base")} upheld decisions but the upheld section gives ${v("upheld.count")}`,
  },
  {
    fields: ["compliance.rate", "compliance.outcomes"],
    holds: (v) => v("compliance.outcomes") === 0 || someShare(v("compliance.rate"), v("compliance.outcomes")),
    corroborates: false,
    says: (v) =>
      `${v("compliance.rate")}% is no whole number of ${v("compliance.outcomes")} compliance outcomes`,
  },
  {
    fields: ["overview.investigated", "upheld.investigations"],
    holds: (v) => v("overview.investigated") === v("upheld.investigations"),
    corroborates: true,
    says: (v) =>
      `the overview says ${v("overview.investigated")} complaints were investigated but the upheld section ${v("upheld.investigations")}`,
  },
  {
    fields: [
      "overview.dealtWith",
      "overview.notForUs",
      "overview.assessedAndClosed",
      "overview.investigated",
    ],
    holds: (v) =>
      v("overview.dealtWith") ===
      v("overview.notForUs") + v("overview.assessedAndClosed") + v("overview.investigated"),
    corroborates: true,
    says: (v) =>
      `${v("overview.dealtWith")} complaints dealt with is not the ${v("overview.notForUs")} not for us, ${v("overview.assessedAndClosed")} assessed and closed and ${v("overview.investigated")} investigated`,
  },
];

type Values = Map<Path, number | null>;

function valuesOf(stats: Stats, remedyBase: number | null): Values {
  const values: Values = new Map();
  const { upheld, compliance, remedy, overview } = stats;
  values.set("upheld.rate", upheld?.rate ?? null);
  values.set("upheld.count", upheld?.count ?? null);
  values.set("upheld.investigations", upheld?.investigations ?? null);
  values.set("compliance.rate", compliance?.rate ?? null);
  values.set("compliance.outcomes", compliance?.outcomes ?? null);
  values.set("remedy.rate", remedy?.rate ?? null);
  values.set("remedy.count", remedy?.count ?? null);
  values.set("remedy.investigations", remedy?.investigations ?? null);
  values.set("remedy.base", remedyBase);
  values.set("overview.dealtWith", overview?.dealtWith ?? null);
  values.set("overview.notForUs", overview?.notForUs ?? null);
  values.set("overview.assessedAndClosed", overview?.assessedAndClosed ?? null);
  values.set("overview.investigated", overview?.investigated ?? null);
  return values;
}

function clear(stats: Stats, path: Path): void {
  const [section, field] = path.split(".") as [keyof Stats, string];
  const target = stats[section] as Record<string, unknown> | null;
  if (target && field in target) target[field] = null;
}

/**
 * Null every figure that another contradicts and nothing else backs, with a warning naming it; then rates over no
 * cases, which are not calculable (never 0%). Changes `stats` in place.
 */
export function reconcile(stats: Stats, remedyBase: number | null, warnings: Warning[]): void {
  const values = valuesOf(stats, remedyBase);
  const v = (path: Path) => values.get(path) as number;
  const complete = (c: Constraint) => c.fields.every((f) => values.get(f) != null);
  for (let round = 0; round < CONSTRAINTS.length; round++) {
    const broken = CONSTRAINTS.find((c) => complete(c) && !c.holds(v));
    if (!broken) break;
    const message = broken.says(v);
    const backed = (field: Path) =>
      CONSTRAINTS.some(
        (c) => c !== broken && c.corroborates && c.fields.includes(field) && complete(c) && c.holds(v),
      );
    const doubtful = broken.fields.filter((f) => !backed(f));
    for (const field of doubtful.length > 0 ? doubtful : broken.fields) {
      values.set(field, null);
      if (field !== "remedy.base") clear(stats, field);
      warnings.push({
        field: `stats.${field === "remedy.base" ? "remedy.count" : field}`,
        code: "inconsistent",
        message: `${message}, so ${field === "remedy.base" ? "the remedy base" : "this figure"} was left empty`,
      });
    }
  }

  // Not calculable: a share of nothing. A letter may print no rate at all then (2025's "We investigated 0 complaints
  // and upheld 0."): the rate was not missed, there was none to give.
  const { upheld, compliance, remedy } = stats;
  const none = (field: string, why: string) => {
    for (const warning of warnings) {
      if (warning.field === field && warning.code === "not_found") {
        warning.code = "not_calculable";
        warning.message = why;
      }
    }
  };
  if (upheld?.rate === null && upheld.investigations === 0)
    none("stats.upheld.rate", "not calculable: no investigations in the period");
  if (remedy?.rate === null && (upheld?.count ?? remedyBase) === 0)
    none("stats.remedy.rate", "not calculable: no upheld decisions in the period");
  if (upheld && upheld.rate !== null && upheld.investigations === 0) {
    upheld.rate = null;
    warnings.push({
      field: "stats.upheld.rate",
      code: "not_calculable",
      message: "not calculable: no investigations in the period",
    });
  }
  const upheldCount = upheld?.count ?? remedyBase;
  if (remedy && remedy.rate !== null && (upheldCount === 0 || upheld?.investigations === 0)) {
    remedy.rate = null;
    warnings.push({
      field: "stats.remedy.rate",
      code: "not_calculable",
      message: "not calculable: no upheld decisions in the period",
    });
  }
  if (compliance && compliance.rate !== null && compliance.outcomes === 0) {
    compliance.rate = null;
    warnings.push({
      field: "stats.compliance.rate",
      code: "not_calculable",
      message: "not calculable: no compliance outcomes in the period",
    });
  }
}
