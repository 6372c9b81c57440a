import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

import { listOr } from "./phrasing.ts";
import { ROOT } from "./root.ts";

export { ROOT };

export const LogLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
export type LogLevel = z.infer<typeof LogLevel>;

/**
 * Settings from the environment (and `.env` beside package.json): the only place that reads `process.env`.
 * Relative paths (OMBUDS_DB, OMBUDS_LETTERS) are taken from the project folder, not the working folder: `.env` is
 * the project's, and cron or a service manager runs ombuds from elsewhere (`ombuds digest --send` from cron would
 * otherwise read an empty store in the home folder). Paths given as arguments are the typist's, from where they are.
 */
export const Config = z.object({
  OMBUDS_DB: z.string().min(1).default(resolve(ROOT, "data/db.json")),
  OMBUDS_LETTERS: z.string().min(1).default(resolve(ROOT, "data/letters")),
  /**
   * Whether the bot in Slack watches OMBUDS_LETTERS while it runs, ingesting and announcing letters as they arrive
   * (docs/watching.md). Unset means on.
   */
  OMBUDS_WATCH: z.enum(["on", "off"]).optional(),
  LOG_LEVEL: LogLevel.default("info"),
  SLACK_MODE: z.enum(["socket", "http"]).default("socket"),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-\S+$/, 'must be a bot token starting "xoxb-"')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-\S+$/, 'must be an app-level token starting "xapp-"')
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^\S{8,}$/, "must be the app's signing secret (no spaces)")
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SLACK_API_URL: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL such as https://slack.com/api/" })
    .transform((url) => (url.endsWith("/") ? url : `${url}/`))
    .optional(),
  /** Slack user ids that may change any channel's digest, besides its creator and the workspace's admins and owners. */
  DIGEST_ADMINS: z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^[UW][A-Z0-9]{2,}$/, "must be Slack user ids (U… or W…) separated by commas"),
      ),
    )
    .optional(),
});
export type Config = z.infer<typeof Config>;

/** How to reach Slack, when the tokens for one mode are all there. */
export type SlackSettings =
  | { mode: "socket"; botToken: string; appToken: string; apiUrl?: string }
  | { mode: "http"; botToken: string; signingSecret: string; port: number; apiUrl?: string };

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
    this.name = "ConfigError";
  }
}

/** Throws `ConfigError` naming the variable; never echoes a value, since some are secrets. */
export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): Config {
  const picked = Object.fromEntries(
    Object.keys(Config.shape)
      .map((key) => [key, env[key] === "" ? undefined : env[key]])
      .filter(([, value]) => value !== undefined),
  );
  const parsed = Config.safeParse(picked, { error: sentence });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? "environment"), issue?.message ?? "invalid");
  }
  return {
    ...parsed.data,
    OMBUDS_DB: resolve(ROOT, parsed.data.OMBUDS_DB),
    OMBUDS_LETTERS: resolve(ROOT, parsed.data.OMBUDS_LETTERS),
  };
}

/**
 * zod's own messages ("Invalid input: expected number, received NaN") are for programmers; these say what the
 * variable must be, as a predicate after its name ("PORT: must be a whole number"). A message the schema gives
 * itself (the token prefixes) comes first; an issue not covered here keeps zod's.
 */
function sentence(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required (set it in .env or the environment)";
      return issue.expected === "number" || issue.expected === "int"
        ? "must be a whole number"
        : `must be ${issue.expected === "string" ? "text" : `a ${issue.expected}`}`;
    case "invalid_value":
      return `must be ${listOr(issue.values.map((value) => JSON.stringify(value)))}`;
    case "too_small":
      return issue.origin === "string" ? "must not be empty" : `must be at least ${issue.minimum}`;
    case "too_big":
      return `must be at most ${issue.maximum}`;
    case "invalid_format":
      return `is not a valid ${issue.format}`;
    default:
      return undefined;
  }
}

/** `process.env`, after reading `.env` beside package.json if there is one (it never overrides the environment). */
function readEnvironment(): NodeJS.ProcessEnv {
  const file = resolve(ROOT, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
  return process.env;
}

/**
 * The Slack connection the settings ask for: null when no Slack variable is set (then `npm start` opens the local
 * console); a `ConfigError` naming what is missing when some are set but not all that the mode needs.
 */
export function slackSettings(config: Config): SlackSettings | null {
  const {
    SLACK_BOT_TOKEN: botToken,
    SLACK_APP_TOKEN: appToken,
    SLACK_SIGNING_SECRET: signingSecret,
  } = config;
  if (!botToken && !appToken && !signingSecret) return null;
  const need = (name: string, value: string | undefined): string => {
    if (!value) throw new ConfigError(name, `is required when SLACK_MODE=${config.SLACK_MODE}`);
    return value;
  };
  const apiUrl = config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {};
  if (config.SLACK_MODE === "socket") {
    return {
      mode: "socket",
      botToken: need("SLACK_BOT_TOKEN", botToken),
      appToken: need("SLACK_APP_TOKEN", appToken),
      ...apiUrl,
    };
  }
  return {
    mode: "http",
    botToken: need("SLACK_BOT_TOKEN", botToken),
    signingSecret: need("SLACK_SIGNING_SECRET", signingSecret),
    port: config.PORT,
    ...apiUrl,
  };
}
