import { loadAuthorities } from "../../src/authorities/index.ts";
import type { SlackSettings } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import type { Answerer } from "../../src/slack/answerer/answerer.ts";
import { startAnswererThread } from "../../src/slack/answerer/thread.ts";
import { createSlackApp, type SlackApp, type Tuning } from "../../src/slack/app.ts";
import { ingestPaths } from "../../src/store/ingest.ts";
import type { FakeSlack } from "../../testkit/slack/index.ts";
import { checkBlocks } from "../support/check-blocks.ts";
import { findRawCharacters, findUnescaped } from "../support/find-unescaped.ts";
import { LogLines } from "../support/log.ts";
import { SAMPLES } from "../support/tmp.ts";

export { LogLines };

export const SECRET = "test-signing-secret";
export const NOW = new Date("2026-11-25T12:00:00Z");

export interface Running {
  app: SlackApp;
  port?: number;
  log: LogLines;
  answerer: Answerer;
  /** Stops the Slack app, then its answering thread. */
  stop(): Promise<void>;
}

/** The real ombuds Slack app, with its answering thread, over the five sample letters, pointed at the stand-in. */
export async function startOmbuds(
  slack: FakeSlack,
  mode: "http" | "socket",
  dir: string,
  options: { answerer?: (real: Answerer) => Answerer; tuning?: Tuning } = {},
): Promise<Running> {
  const store = `${dir}/db.json`;
  await ingestPaths(store, [SAMPLES]);
  const log = new LogLines();
  const logger = createLogger("info", log);
  const real = await startAnswererThread({ storeFile: store, logger });
  const answerer = options.answerer ? options.answerer(real) : real;
  const settings: SlackSettings =
    mode === "http"
      ? { mode, botToken: "xoxb-test", signingSecret: SECRET, port: 0, apiUrl: slack.apiUrl }
      : { mode, botToken: "xoxb-test", appToken: "xapp-test", apiUrl: slack.apiUrl };
  const app = createSlackApp(
    settings,
    {
      answerer,
      storeFile: store,
      authorities: loadAuthorities(),
      logger,
      now: () => NOW,
    },
    { clientPingTimeout: 1000, ...options.tuning },
  );
  const { port } = await app.start();
  const stop = async () => {
    await app.stop();
    await real.close();
  };
  return { app, port, log, answerer, stop };
}

/** Every message the stand-in captured, checked against Block Kit's limits and for markup leaked from input. */
export function capturedProblems(slack: FakeSlack): string[] {
  const problems: string[] = [];
  const check = (where: string, message: { text?: unknown; blocks?: unknown }, maxBlocks = 50) => {
    if (Array.isArray(message.blocks)) {
      problems.push(...checkBlocks(message.blocks, { maxBlocks }).map((p) => `${where}: ${p}`));
      problems.push(...findUnescaped(message.blocks).map((p) => `${where}: ${p}`));
      problems.push(...findRawCharacters(message.blocks).map((p) => `${where}: ${p}`));
    }
    if (typeof message.text === "string") {
      problems.push(...findUnescaped(message.text).map((p) => `${where}: ${p}`));
      problems.push(...findRawCharacters(message.text).map((p) => `${where}: ${p}`));
    }
  };
  for (const call of slack.calls("chat.postMessage")) check("chat.postMessage", call.args);
  for (const call of slack.calls("views.publish")) {
    check("views.publish", (call.args as { view: { blocks: unknown } }).view, 100);
  }
  for (const call of slack.calls("views.open")) {
    check("views.open", (call.args as { view: { blocks: unknown } }).view, 100);
  }
  for (const response of slack.responses()) check(`response ${response.id}`, response.body as object);
  return problems;
}
