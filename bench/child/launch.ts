import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** A server the bench started in a process of its own, and the port it listens on (0 in Socket Mode: none). */
export interface Server {
  child: ChildProcess;
  port: number;
}

/**
 * Start a server process and wait for the line that gives its port (a Socket Mode app, which listens on nothing,
 * gives 0 once it is connected). Only the start-up is looked for: past it, only the output's tail is kept, so a long
 * run's log lines (a flood's refusals) do not pile up in memory.
 */
export function launch(
  args: string[],
  env: Record<string, string>,
  portOf: (line: string) => number | undefined,
): Promise<Server> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = "";
    let listening = false;
    const look = (chunk: Buffer) => {
      seen += chunk;
      if (!listening) {
        for (const line of seen.split("\n")) {
          const port = portOf(line);
          if (port !== undefined) {
            listening = true;
            done({ child, port });
            break;
          }
        }
      }
      seen = seen.slice(-4096);
    };
    child.stdout?.on("data", look);
    child.stderr?.on("data", look);
    child.on("exit", (code) => {
      if (!listening) fail(new Error(`${args.join(" ")} exited with ${code} before listening:\n${seen}`));
    });
  });
}

/** The bot is launched exactly as `npm start` launches it (its node flags included), minus npm itself. */
export function startCommand(): string[] {
  const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts
    .start;
  const [node, ...args] = script.split(/\s+/);
  if (node !== "node") throw new Error(`npm start is not a node command: ${script}`);
  return args.map((arg) => (arg.endsWith(".js") ? resolve(arg) : arg));
}

export function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** The port from ombuds's "ombuds is running" log line. */
export const ombudsPort = (line: string): number | undefined => {
  const parsed = parseJson(line);
  return parsed?.msg === "ombuds is running" && typeof parsed.port === "number" ? parsed.port : undefined;
};

/** ombuds in HTTP mode as `npm start` runs it, over `store`, against the stand-in Slack at `apiUrl`. */
export function launchOmbuds(options: {
  apiUrl: string;
  secret: string;
  store: string;
  letters: string;
}): Promise<Server> {
  return launch(
    startCommand(),
    {
      SLACK_MODE: "http",
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: options.secret,
      SLACK_API_URL: options.apiUrl,
      PORT: "0",
      OMBUDS_DB: options.store,
      OMBUDS_LETTERS: options.letters,
      LOG_LEVEL: "info",
    },
    ombudsPort,
  );
}

/** 0 at ombuds's "ombuds is running" line in Socket Mode, which it logs once its first connection is up. */
export const ombudsConnected = (line: string): number | undefined => {
  const parsed = parseJson(line);
  return parsed?.msg === "ombuds is running" && parsed.mode === "socket" ? 0 : undefined;
};

/**
 * ombuds in Socket Mode as `npm start` runs it, over `store`, against the stand-in Slack at `apiUrl` (the Web API,
 * and `apps.connections.open`, which hands out the stand-in's WebSocket).
 */
export function launchOmbudsSocket(options: {
  apiUrl: string;
  store: string;
  letters: string;
}): Promise<Server> {
  return launch(
    startCommand(),
    {
      SLACK_MODE: "socket",
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_APP_TOKEN: "xapp-bench",
      SLACK_API_URL: options.apiUrl,
      OMBUDS_DB: options.store,
      OMBUDS_LETTERS: options.letters,
      LOG_LEVEL: "info",
    },
    ombudsConnected,
  );
}
