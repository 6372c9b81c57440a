import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The project folder, so defaults work from any working directory. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Settings from the environment: the only place that reads `process.env`. Relative paths are taken from the
 * working folder, as a user typing them would expect.
 */
export const Config = z.object({
  OMBUDS_DB: z.string().min(1).default(resolve(ROOT, "data/db.json")),
  OMBUDS_LETTERS: z.string().min(1).default(resolve(ROOT, "data/letters")),
});
export type Config = z.infer<typeof Config>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = "ConfigError";
  }
}

/** Throws `ConfigError` naming the variable; never echoes a value, since some will be secrets. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(Config.shape)
      .map((key) => [key, env[key] === "" ? undefined : env[key]])
      .filter(([, value]) => value !== undefined),
  );
  const parsed = Config.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? "environment"), issue?.message ?? "invalid");
  }
  return {
    ...parsed.data,
    OMBUDS_DB: resolve(parsed.data.OMBUDS_DB),
    OMBUDS_LETTERS: resolve(parsed.data.OMBUDS_LETTERS),
  };
}
