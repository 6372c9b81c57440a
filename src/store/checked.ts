import { createHash } from "node:crypto";
import { type StoreFs, writeAtomically } from "./files.ts";

/**
 * The store is validated once per distinct file, not at every load: zod over a 10,000-letter store costs about as
 * much again as `JSON.parse` and builds a full copy of it (the peak of memory at load). Each write records, beside the
 * store (`db.json.checked`), the identity of the file it left (a stat: no reading), the sha256 of the text it wrote
 * and the fingerprint of the schema that text was made under; a load of that same file, or of the same text, under
 * that schema parses the JSON and trusts it. Any other file (edited by hand, written by another version, a record
 * missing or unreadable) is validated in full.
 */

/**
 * The store schema's fingerprint: the sha256 of its JSON Schema (`z.toJSONSchema(StoreData)`), pinned here because
 * computing it costs some 30 ms at every start. `test/store/checked.test.ts` computes it afresh and fails, giving the
 * new value, whenever a change to the schema leaves it stale, so a record made under an older schema never vouches
 * for a store read under a newer one.
 */
export const SCHEMA_FINGERPRINT = "79f7ea4bb20995c9f7a58bfab503d77b63eb8734d6666285f03abd6b32e0604b";

export interface CheckedRecord {
  sha256: string;
  schema: string;
  /**
   * Which file the writer left (inode, size, modification and change times): the same identity at load means the
   * same file, untouched, with no need to hash it. Any edit or copy changes the change time, which no one can set.
   */
  identity?: string;
}

export const checkedFile = (file: string): string => `${file}.checked`;

/** Of the file's bytes: the text written, encoded as UTF-8, or the bytes read back. */
export const sha256 = (content: string | Buffer): string =>
  (typeof content === "string"
    ? createHash("sha256").update(content, "utf8")
    : createHash("sha256").update(content)
  ).digest("hex");

const HEX = /^[0-9a-f]{64}$/;

/** The record beside `file`, or null when there is none or it cannot be read as one (then: validate in full). */
export async function readChecked(file: string, fs: StoreFs): Promise<CheckedRecord | null> {
  let text: string;
  try {
    text = await fs.readFile(checkedFile(file), "utf8");
  } catch {
    // Missing (a store written before there were records, or by hand) or unreadable: no record.
    return null;
  }
  try {
    const { sha256: sum, schema, identity } = JSON.parse(text) as Partial<CheckedRecord>;
    if (typeof sum !== "string" || !HEX.test(sum) || typeof schema !== "string") return null;
    return typeof identity === "string" ? { sha256: sum, schema, identity } : { sha256: sum, schema };
  } catch {
    return null;
  }
}

/** The identity of the file at `file` (see `CheckedRecord.identity`), or null when it cannot be read. */
export async function identityOf(file: string, fs: StoreFs): Promise<string | null> {
  try {
    const stat = await fs.stat(file, { bigint: true });
    return `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    return null;
  }
}

/**
 * Whether `text` (the store as read, from a file whose identity was `identity` before and after the read) is the
 * file the record vouches for, under this schema: the same file the writer left (a stat, the usual case), or else
 * the same content (a copy: hashed, some 50 ms at 10,000 letters).
 */
export function vouchedFor(record: CheckedRecord | null, text: string, identity: string | null): boolean {
  if (record === null || record.schema !== SCHEMA_FINGERPRINT) return false;
  if (identity !== null && vouchedByIdentity(record, identity)) return true;
  return record.sha256 === sha256(text);
}

/** Whether the record vouches, under this schema, for the file whose identity is `identity`: the file it left. */
export function vouchedByIdentity(record: CheckedRecord | null, identity: string): boolean {
  return record !== null && record.schema === SCHEMA_FINGERPRINT && record.identity === identity;
}

/**
 * Record that `text`, just written to `file`, was made under this schema. Best effort: without the record the next
 * load validates in full, which is slower, never wrong.
 */
export async function writeChecked(file: string, text: string, fs: StoreFs): Promise<void> {
  try {
    const identity = await identityOf(file, fs);
    await writeAtomically(
      checkedFile(file),
      `${JSON.stringify({ sha256: sha256(text), schema: SCHEMA_FINGERPRINT, ...(identity ? { identity } : {}) })}\n`,
      fs,
    );
  } catch {
    // Slower next time, not wrong: see above.
  }
}
