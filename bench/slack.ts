import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signedRequest, slashCommand } from "../testkit/slack/index.ts";
import { QUESTIONS } from "./answers.ts";
import { launch, launchOmbuds, parseJson, type Server } from "./child/launch.ts";
import type { Command } from "./child/slack.ts";
import { atSize, type Figure, percentile } from "./figure.ts";
import { answered } from "./responses.ts";
import { rssMb } from "./rss.ts";

const SECRET = "bench-signing-secret";
const REQUESTS = 1000;
const CONCURRENCY = 25;
/** Short alternating rounds, so a burst of noise from the shared machine falls on both apps alike. */
const ROUNDS = 10;
/** Requests each app serves first, unmeasured, so both are compared warm (JIT-compiled, connections open). */
const WARM_UP = 100;

/** The stand-in in its own process (bench/child/slack.ts), as the load below needs it. */
interface Slack {
  apiUrl: string;
  responseUrl(id: string): string;
  reset(): Promise<void>;
  responses(): Promise<{ id: string; at: number }[]>;
  close(): Promise<void>;
}

function startSlackProcess(): Promise<Slack> {
  const child = fork("bench/child/slack.ts", [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const next = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const on = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off("message", on);
        resolve(message as T);
      };
      child.on("message", on);
    });
  const ask = <T>(command: Command) => {
    const reply = next<T>(command.type);
    child.send(command);
    return reply;
  };
  return next<{ apiUrl: string; responseUrl: string }>("ready").then(({ apiUrl, responseUrl }) => ({
    apiUrl,
    responseUrl: (id) => `${responseUrl}${encodeURIComponent(id)}`,
    reset: () => ask<unknown>({ type: "reset" }).then(() => undefined),
    responses: () =>
      ask<{ responses: { id: string; at: number }[] }>({ type: "responses" }).then((r) => r.responses),
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send({ type: "close" } satisfies Command);
      }),
  }));
}

/** `count` signed /ombuds requests, `CONCURRENCY` at a time: ack latency, and send-to-response-URL latency. */
async function load(slack: Slack, port: number, label: string, count: number, offset: number) {
  const acks: number[] = [];
  const sent = new Map<string, number>();
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const id = `${label}-${offset + i}`;
      const request = signedRequest({
        ...slashCommand({
          text: QUESTIONS[(offset + i) % QUESTIONS.length],
          response_url: slack.responseUrl(id),
        }),
        secret: SECRET,
      });
      const started = performance.now();
      sent.set(id, Date.now());
      try {
        const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
          method: "POST",
          headers: request.headers,
          body: request.body,
        });
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
      } catch {
        failures++;
      }
      acks.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { acks, sent, failures };
}

/**
 * Issue 5's figures. ombuds in HTTP mode over the store of `letters` letters, and a bare Bolt app that only acks and
 * responds with a fixed string, each in its own process, take the same signed /ombuds load in alternating rounds
 * of the same run, so the machine's noise falls on both; then their resident memory, read at the same moment.
 */
export async function benchSlack(store: string, letters: number): Promise<Figure[]> {
  const size = atSize(letters);
  const slack = await startSlackProcess();
  const empty = mkdtempSync(join(tmpdir(), "ombuds-bench-letters-"));
  const servers: Server[] = [];
  try {
    const bare = await launch(["bench/child/bare-bolt.mjs", SECRET, slack.apiUrl], {}, (line) => {
      const port = parseJson(line)?.port;
      return typeof port === "number" ? port : undefined;
    });
    servers.push(bare);
    const ombuds = await launchOmbuds({ apiUrl: slack.apiUrl, secret: SECRET, store, letters: empty });
    servers.push(ombuds);

    const results = {
      bare: { acks: [] as number[], full: [] as number[], failures: 0 },
      ombuds: { acks: [] as number[], full: [] as number[], failures: 0 },
    };
    for (const [label, server] of [
      ["bare", bare],
      ["ombuds", ombuds],
    ] as const) {
      await slack.reset();
      const warm = await load(slack, server.port, `warm-${label}`, WARM_UP, 0);
      await answered(() => slack.responses(), warm.sent);
    }
    const per = REQUESTS / ROUNDS;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [label, server] of [
        ["bare", bare],
        ["ombuds", ombuds],
      ] as const) {
        await slack.reset();
        const run = await load(slack, server.port, label, per, round * per);
        const full = await answered(() => slack.responses(), run.sent);
        results[label].acks.push(...run.acks);
        results[label].full.push(...full);
        results[label].failures += run.failures + (run.sent.size - full.length);
      }
    }
    const rss = { ombuds: rssMb(ombuds.child.pid as number), bare: rssMb(bare.child.pid as number) };

    const bareAck = percentile(results.bare.acks, 99);
    const ombudsAck = percentile(results.ombuds.acks, 99);
    const ombudsFull = percentile(results.ombuds.full, 99);
    return [
      {
        name: `${size} slack: requests acked and answered (of ${REQUESTS})`,
        value: REQUESTS - results.ombuds.failures,
        unit: "",
        target: REQUESTS,
        kind: "min",
      },
      {
        name: `${size} slack: ack p99 vs bare Bolt (${ombudsAck.toFixed(0)} vs ${bareAck.toFixed(0)} ms)`,
        value: ombudsAck / bareAck,
        unit: "×",
        target: 1.25,
        kind: "max",
        digits: 2,
        growth: { series: "slack: ack p99", letters, absolute: ombudsAck, unit: "ms" },
      },
      {
        name: `${size} slack: full answer p99 vs bare ack p99 (${ombudsFull.toFixed(0)} ms)`,
        value: ombudsFull / bareAck,
        unit: "×",
        target: 2,
        kind: "max",
        digits: 2,
        growth: { series: "slack: full answer p99", letters, absolute: ombudsFull, unit: "ms" },
      },
      {
        name: `${size} slack: RSS vs bare Bolt (${rss.ombuds.toFixed(0)} vs ${rss.bare.toFixed(0)} MB)`,
        value: rss.ombuds / rss.bare,
        unit: "×",
        target: 1.3,
        kind: "max",
        digits: 2,
        growth: { series: "slack: RSS", letters, absolute: rss.ombuds, unit: "MB" },
      },
    ];
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
    await slack.close();
    rmSync(empty, { recursive: true, force: true });
  }
}
