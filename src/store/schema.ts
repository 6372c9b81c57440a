import { z } from "zod";
import { Letter } from "../letters/schema.ts";

export const SCHEMA_VERSION = 1;

/**
 * The store file of DESIGN.md. `letters` is sorted by id. `subscriptions` and `digests` belong to the digest
 * (a later issue gives them their own schemas); until then they are kept exactly as found. Unknown top-level keys
 * are kept too, so an older ombuds never drops what a newer one added.
 */
export const StoreData = z.looseObject({
  schemaVersion: z.literal(SCHEMA_VERSION),
  letters: z.array(Letter),
  subscriptions: z.array(z.unknown()).default([]),
  digests: z.array(z.unknown()).default([]),
});
export type StoreData = z.infer<typeof StoreData>;

export function emptyStore(): StoreData {
  return { schemaVersion: SCHEMA_VERSION, letters: [], subscriptions: [], digests: [] };
}
