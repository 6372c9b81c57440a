import type { Config } from "../config.ts";
import { start } from "../main.ts";

/** `ombuds start` is `npm start`: see src/main.ts. */
export function runStart(config: Config): Promise<number> {
  return start(config);
}
