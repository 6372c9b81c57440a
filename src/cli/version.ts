import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ROOT } from "../root.ts";

/** `ombuds --version`: package.json's, read where it is, so the bundle can never report a stale one. */
export function version(): string {
  const manifest = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")));
  return manifest.version;
}
