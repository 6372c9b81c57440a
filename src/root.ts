import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project folder (where package.json is), found from this module's own location so that it is right both when
 * the sources run directly (tests, tsx) and when they run from the bundle that bin/ombuds.js builds into dist/.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "ombuds"
    ) {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`ombuds: cannot find the project folder above ${from}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
