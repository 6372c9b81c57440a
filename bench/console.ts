import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Figure } from "./figure.ts";

/** Rounds, each timing both sides; the order alternates so neither always runs on a warmer cache. */
const ROUNDS = 11;
const BIN = resolve("bin/ombuds.js");
/** `npm start`'s own node flags, read from package.json, so the console is timed as a user starts it. */
const START_FLAGS = startFlags();

function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.start;
  return start.split(/\s+/).filter((word) => word.startsWith("--"));
}
const QUESTION = "/ombuds Sefton\n";
/** The first line of the answer to QUESTION. */
const ANSWERED = "Sefton Metropolitan Borough Council: 2020 annual review letter";

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Milliseconds from spawning `node -e 0` to its exit. */
function bareNode(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
  return new Promise((done, fail) => {
    child.once("error", fail);
    child.once("exit", () => done(performance.now() - started));
  });
}

/**
 * Milliseconds from spawning `npm start`'s command, with no Slack tokens, to `until` appearing at its console (by
 * default the first answer's first line).
 */
export function consoleAnswer(env: NodeJS.ProcessEnv, until = ANSWERED): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...START_FLAGS, BIN, "start"], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  child.stdin.write(QUESTION);
  let out = "";
  let answered: number | undefined;
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    if (answered === undefined && out.includes(until)) {
      answered = performance.now() - started;
      child.stdin.end();
    }
  });
  return new Promise((done, fail) => {
    child.once("error", fail);
    child.once("exit", (code) => {
      if (answered === undefined || code !== 0)
        fail(new Error(`the console exited ${code} without answering:\n${out.slice(0, 2000)}`));
      else done(answered);
    });
  });
}

/**
 * Issue 12's figure: with no Slack tokens, `npm start` answers its first question at the local console within 5×
 * the time `node -e 0` takes to start and exit, both spawned from here in the same run. The store already holds
 * the bundled letters (the everyday start: nothing new to ingest, the bundles built), so what is timed is start-up
 * and one answer; Slack's code must not be loaded for it.
 */
/** The environment of `npm start` with no Slack tokens, on this store and letters folder. */
export function consoleEnv(store: string, letters: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    OMBUDS_DB: store,
    OMBUDS_LETTERS: letters,
    // Set and empty: `.env` never overrides a variable that is set, and an empty one counts as unset.
    SLACK_BOT_TOKEN: "",
    SLACK_APP_TOKEN: "",
    SLACK_SIGNING_SECRET: "",
  };
}

export async function benchConsole(dir: string): Promise<Figure[]> {
  const env = consoleEnv(join(dir, "console-db.json"), resolve("data/letters"));
  // Warm-up: the first start ingests the letters and may build the bundles; the page cache fills.
  await consoleAnswer(env);
  await bareNode();
  const bare: number[] = [];
  const answers: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      bare.push(await bareNode());
      answers.push(await consoleAnswer(env));
    } else {
      answers.push(await consoleAnswer(env));
      bare.push(await bareNode());
    }
  }
  const node = median(bare);
  const answer = median(answers);
  process.stderr.write(
    `console: node -e 0 ${node.toFixed(0)} ms, npm start to the first console answer ${answer.toFixed(0)} ms; medians of ${ROUNDS} rounds\n`,
  );
  return [
    {
      name: "console first answer ÷ node -e 0",
      value: answer / node,
      unit: "×",
      target: 5,
      kind: "max",
      digits: 2,
    },
  ];
}
