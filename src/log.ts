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

/**
 * Bolt and the Slack SDKs log through this, into the same structured log. A line for which `reported` is true is
 * written at debug instead of its level: something else reports it better (the SDKs' "http request failed" on
 * each retry, which the reachability watch in src/slack/reachability/ says once, naming the host and the reason).
 */
export function slackLogger(
  logger: Logger,
  reported: (message: string) => boolean = () => false,
): SlackLogger {
  let child = logger.child({ from: "slack" });
  const line =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
      // Bolt logs at debug on every request: format nothing unless the line will be written.
      if (level === "debug" && !child.isLevelEnabled(level)) return;
      const [first, ...rest] = parts;
      const error = first instanceof Error ? first : undefined;
      const message = error
        ? rest.map(String).join(" ") || error.message
        : parts.map((p) => (typeof p === "string" ? p : JSON.stringify(p))).join(" ");
      const at = level !== "debug" && reported(message) ? "debug" : level;
      if (!child.isLevelEnabled(at)) return;
      if (error) child[at]({ err: error }, message);
      else child[at](message);
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
