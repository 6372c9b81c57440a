import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";

/** The real `ombuds` binary, as a user (or a service manager) runs it. */
export const BIN = resolve("bin/ombuds.js");

export interface Run {
  child: ChildProcess;
  /** What it has printed so far. */
  stdout(): string;
  stderr(): string;
  /** Settles when it exits, with its code and all it printed. */
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/**
 * Start the binary with `args`, with no Slack tokens unless `env` gives them (a developer's .env must not make a
 * test talk to Slack), `preload` node arguments before it (`--import` hooks) and `stdin` written then closed.
 */
export function runBinary(
  args: string[],
  options: { env?: Record<string, string>; preload?: string[]; stdin?: string } = {},
): Run {
  const child = spawn(process.execPath, [...(options.preload ?? []), BIN, ...args], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: "",
      SLACK_APP_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      ...options.env,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdin?.end(options.stdin ?? "");
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((settle) =>
    child.on("close", (code) => settle({ code, stdout, stderr })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}
