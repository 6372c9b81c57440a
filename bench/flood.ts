import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { signedRequest, slashCommand, startSlack } from "../testkit/slack/index.ts";
import { QUESTIONS } from "./answers.ts";
import { launchOmbuds } from "./child/launch.ts";
import { atSize, type Figure, percentile } from "./figure.ts";
import { rssMb } from "./rss.ts";

const SECRET = "bench-signing-secret";
const MB = 1024 * 1024;
/** Issue 13's flood: 300 connections at once, each sending a 4 MB body, and again as soon as it is closed. */
const FLOODERS = 300;
const BODY_BYTES = 4 * MB;
const FLOOD_MS = 6000;
/** Real /ombuds requests sent alongside, this many at a time, for as long as the flood lasts. */
const REAL_CONCURRENCY = 4;

/**
 * How the flooders send: a third declare 4 MB up front; a third stream it chunked, declaring nothing; a third
 * stream it chunked behind forged signature headers (a current timestamp, a wrong signature), which earns the
 * 1 MB cap rather than the unsigned one, so the bound on bodies held at once is what keeps memory down.
 */
type Kind = "declared" | "chunked" | "forged";
const KINDS: Kind[] = ["declared", "chunked", "forged"];

function head(kind: Kind): string {
  const lines = ["POST /slack/events HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"];
  lines.push(kind === "declared" ? `Content-Length: ${BODY_BYTES}` : "Transfer-Encoding: chunked");
  if (kind === "forged") {
    lines.push(
      `X-Slack-Request-Timestamp: ${Math.floor(Date.now() / 1000)}`,
      `X-Slack-Signature: v0=${"0".repeat(64)}`,
    );
  }
  return `${lines.join("\r\n")}\r\n\r\n`;
}

const CHUNK = 64 * 1024;
const body = Buffer.alloc(BODY_BYTES, "x");
const frame = Buffer.concat([
  Buffer.from(`${CHUNK.toString(16)}\r\n`),
  body.subarray(0, CHUNK),
  Buffer.from("\r\n"),
]);

/** One flooder: a body, sent as fast as the socket takes it, then another once the server has closed it. */
async function flooder(port: number, kind: Kind, until: number): Promise<number> {
  let sent = 0;
  while (Date.now() < until) {
    await new Promise<void>((done) => {
      const socket = connect(port, "127.0.0.1");
      socket.on("error", () => {});
      socket.once("close", () => done());
      socket.setTimeout(until - Date.now() + 1000, () => socket.destroy());
      socket.once("connect", () => {
        socket.write(head(kind));
        if (kind === "declared") socket.write(body);
        else for (let i = 0; i < BODY_BYTES / CHUNK; i++) socket.write(frame);
        socket.end(kind === "declared" ? "" : "0\r\n\r\n");
      });
    });
    sent++;
  }
  return sent;
}

/**
 * Issue 13's figures: ombuds in HTTP mode over the store of `letters` letters, in its own process, takes the flood
 * while real signed /ombuds requests keep coming; its resident memory is sampled throughout (its peak against its
 * own idle RSS before the flood), and the real requests must still be acked within Slack's 3 s and answered. The
 * 3 s stays absolute: it is Slack's deadline, on the wall clock, however slow the machine.
 */
export async function benchFlood(store: string, letters: number): Promise<Figure[]> {
  const slack = await startSlack();
  const empty = mkdtempSync(join(tmpdir(), "ombuds-bench-letters-"));
  let child: ChildProcess | undefined;
  try {
    const ombuds = await launchOmbuds({ apiUrl: slack.apiUrl, secret: SECRET, store, letters: empty });
    child = ombuds.child;
    const pid = child.pid as number;
    const url = `http://127.0.0.1:${ombuds.port}/slack/events`;

    let n = 0;
    const acks: number[] = [];
    const sent = new Set<string>();
    let failed = 0;
    const real = async (until: number) => {
      while (Date.now() < until) {
        const id = `real-${n++}`;
        const request = signedRequest({
          ...slashCommand({ text: QUESTIONS[n % QUESTIONS.length], response_url: slack.responseUrl(id) }),
          secret: SECRET,
        });
        sent.add(id);
        const started = performance.now();
        try {
          const response = await fetch(url, { ...request, signal: AbortSignal.timeout(10_000) });
          await response.arrayBuffer();
          if (response.status === 200) acks.push(performance.now() - started);
          else failed++;
        } catch {
          failed++;
        }
      }
    };
    // Warm: the first request authorises with the stand-in, and the answering thread compiles its paths.
    await real(Date.now() + 1000);
    const idle = rssMb(pid);
    acks.length = 0;
    failed = 0;
    sent.clear();
    slack.reset();

    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(pid));
    }, 20);
    const until = Date.now() + FLOOD_MS;
    const [bodies] = await Promise.all([
      Promise.all(
        Array.from({ length: FLOODERS }, (_, i) => flooder(ombuds.port, KINDS[i % 3] as Kind, until)),
      ),
      Promise.all(Array.from({ length: REAL_CONCURRENCY }, () => real(until))),
    ]);
    clearInterval(sampler);
    peak = Math.max(peak, rssMb(pid));

    const deadline = Date.now() + 30_000;
    const answeredIds = () => new Set(slack.responses().map((r) => r.id));
    while (answeredIds().size < acks.length && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const answered = [...answeredIds()].filter((id) => sent.has(id)).length;
    const flooded = bodies.reduce((a, b) => a + b, 0);

    return [
      {
        name: `${atSize(letters)} flood: peak RSS ÷ idle (${peak.toFixed(0)} / ${idle.toFixed(0)} MB; ${flooded.toLocaleString("en-GB")} bodies)`,
        value: peak / idle,
        unit: "×",
        target: 1.5,
        kind: "max",
        digits: 2,
      },
      {
        name: `${atSize(letters)} flood: real requests answered (of ${sent.size}, ${failed} unacked)`,
        value: Math.min(acks.length, answered),
        unit: "",
        target: sent.size,
        kind: "min",
      },
      {
        name: `${atSize(letters)} flood: real requests' ack p99 during it (Slack's deadline)`,
        value: percentile(acks, 99),
        unit: "ms",
        target: 3000,
        kind: "max",
      },
    ];
  } finally {
    child?.kill("SIGTERM");
    await slack.close();
    rmSync(empty, { recursive: true, force: true });
  }
}
