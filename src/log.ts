import type { Logger as SlackLogger, LogLevel as SlackLogLevel } from "@slack/logger";
import { pino } from "pino";
import type { LogLevel } from "./config.ts";

export type Logger = pino.Logger;

/** Structured logs (JSON lines) on stderr, so stdout stays for what a command prints. */
export function createLogger(
  level: LogLevel,
  destination: pino.DestinationStream = pino.destination(2),
): Logger {
  return pino({ level, base: { app: "ombuds" } }, destination);
}

/** Bolt and the Slack SDKs log through this, into the same structured log. */
export function slackLogger(logger: Logger): SlackLogger {
  let child = logger.child({ from: "slack" });
  const line =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      // Bolt logs at debug on every request: format nothing unless the line will be written.
      if (!child.isLevelEnabled(level)) return;
      const [first, ...rest] = parts;
      if (first instanceof Error) child[level]({ err: first }, rest.map(String).join(" ") || first.message);
      else child[level](parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" "));
    };
  return {
    debug: line("debug"),
    info: line("info"),
    warn: line("warn"),
    error: line("error"),
    setLevel: () => {},
    getLevel: () => logger.level as SlackLogLevel,
    setName: (name: string) => {
      child = logger.child({ from: name });
    },
  };
}
