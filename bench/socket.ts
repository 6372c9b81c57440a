import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newQuestions, QUESTIONS } from "./answers.ts";
import { forkChild } from "./child/ipc.ts";
import { launch, launchOmbudsSocket, parseJson, type Server } from "./child/launch.ts";
import type { Command } from "./child/slack.ts";
import type { LoadResult, SocketApp, SocketCommand, SocketReady } from "./child/socket-slack.ts";
import { atSize, type Figure, percentile } from "./figure.ts";
import { answered } from "./responses.ts";
import { rssMb } from "./rss.ts";

// The HTTP bench's load (bench/slack.ts), so that the two modes' figures compare.
const REQUESTS = 1000;
const CONCURRENCY = 25;
/** Short alternating rounds, so a burst of noise from the shared machine falls on both apps alike. */
const ROUNDS = 10;
/** Envelopes each app serves first, unmeasured, so both are compared warm (JIT-compiled, connections open). */
const WARM_UP = 100;
/** The HTTP bench's ack target: Socket Mode must not make ombuds ack slower, relative to bare Bolt, than HTTP does. */
const ACK_TARGET = 1.25;

const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);

/**
 * The Socket Mode figures, beside the HTTP bench's. A bare Bolt Socket Mode app (bench/child/bare-bolt-socket.mjs)
 * and ombuds in Socket Mode over the store of `letters` letters, each in its own process and each on its own Socket Mode
 * stand-in, take the same /ombuds envelopes at the HTTP bench's count and concurrency, in alternating rounds of the
 * same run. The stand-ins, which send the envelopes and time their acks, share a process (bench/child/socket-slack.ts);
 * the response URLs are a third (bench/child/slack.ts), so that the answers arriving never delay the ack clock.
 */
export async function benchSocket(store: string, letters: number): Promise<Figure[]> {
  const size = atSize(letters);
  const { ipc: responses, ready: urls } = await forkChild<Command, { responseUrl: string }>(
    "bench/child/slack.ts",
  );
  const { ipc: slack, ready } = await forkChild<SocketCommand, SocketReady>("bench/child/socket-slack.ts");
  const empty = mkdtempSync(join(tmpdir(), "ombuds-bench-letters-"));
  const servers: Server[] = [];
  try {
    const bare = await launch(["bench/child/bare-bolt-socket.mjs", ready.apiUrls.bare], {}, (line) =>
      parseJson(line)?.connected === true ? 0 : undefined,
    );
    servers.push(bare);
    const ombuds = await launchOmbudsSocket({ apiUrl: ready.apiUrls.ombuds, store, letters: empty });
    servers.push(ombuds);
    for (const app of ["bare", "ombuds"] as const) await slack.ask({ type: "connected", app });

    const round = async (
      app: SocketApp,
      label: string,
      count: number,
      offset: number,
      questions: readonly string[] = QUESTIONS,
    ) => {
      await responses.ask({ type: "reset" });
      const run = await slack.ask<LoadResult>({
        type: "load",
        app,
        label,
        count,
        offset,
        concurrency: CONCURRENCY,
        questions,
        responseUrl: urls.responseUrl,
      });
      const sent = new Map(run.sent);
      const full = await answered(
        () =>
          responses
            .ask<{ responses: { id: string; at: number }[] }>({ type: "responses" })
            .then((r) => r.responses),
        sent,
      );
      return { acks: run.acks, full, failures: run.failures + (sent.size - full.length) };
    };
    const results = {
      bare: { acks: [] as number[], full: [] as number[], failures: 0 },
      ombuds: { acks: [] as number[], full: [] as number[], failures: 0 },
    };
    for (const app of ["bare", "ombuds"] as const) await round(app, `warm-${app}`, WARM_UP, 0);
    const per = REQUESTS / ROUNDS;
    for (let r = 0; r < ROUNDS; r++) {
      for (const app of ["bare", "ombuds"] as const) {
        const run = await round(app, app, per, r * per);
        results[app].acks.push(...run.acks);
        results[app].full.push(...run.full);
        results[app].failures += run.failures;
      }
    }
    const rss = { ombuds: rssMb(ombuds.child.pid as number), bare: rssMb(bare.child.pid as number) };
    // The same load again, every question one not asked before (no answer kept from an earlier one: kept.ts), for the
    // reader: what a burst of different questions costs.
    const fresh = newQuestions(REQUESTS);
    const uncached: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const run = await round("ombuds", "new", per, r * per, fresh);
      uncached.push(...run.full);
    }

    const bareAck = { p50: percentile(results.bare.acks, 50), p99: percentile(results.bare.acks, 99) };
    const ombudsAck = { p50: percentile(results.ombuds.acks, 50), p99: percentile(results.ombuds.acks, 99) };
    const full = { p50: percentile(results.ombuds.full, 50), p99: percentile(results.ombuds.full, 99) };
    return [
      {
        name: `${size} socket: envelopes acked and answered (of ${REQUESTS})`,
        value: REQUESTS - results.ombuds.failures,
        unit: "",
        target: REQUESTS,
        kind: "min",
      },
      {
        name:
          `${size} socket: ack p99 vs bare Bolt (${ms(ombudsAck.p99)} vs ${ms(bareAck.p99)} ms; ` +
          `p50 ${ms(ombudsAck.p50)} vs ${ms(bareAck.p50)})`,
        value: ombudsAck.p99 / bareAck.p99,
        unit: "×",
        target: ACK_TARGET,
        kind: "max",
        digits: 2,
        growth: { series: "socket: ack p99", letters, absolute: ombudsAck.p99, unit: "ms" },
      },
      {
        name: `${size} socket: full answer p99 vs bare ack p99 (${ms(full.p99)} ms; p50 ${ms(full.p50)})`,
        value: full.p99 / bareAck.p99,
        unit: "×",
        target: 2,
        kind: "max",
        digits: 2,
        growth: { series: "socket: full answer p99", letters, absolute: full.p99, unit: "ms" },
      },
      {
        name: `${size} socket: full answer p99 vs bare ack p99, every question new (${ms(percentile(uncached, 99))} ms)`,
        value: percentile(uncached, 99) / bareAck.p99,
        unit: "×",
        target: null,
        kind: "max",
        digits: 2,
      },
      {
        name: `${size} socket: RSS vs bare Bolt (${rss.ombuds.toFixed(0)} vs ${rss.bare.toFixed(0)} MB)`,
        value: rss.ombuds / rss.bare,
        unit: "×",
        target: 1.3,
        kind: "max",
        digits: 2,
        growth: { series: "socket: RSS", letters, absolute: rss.ombuds, unit: "MB" },
      },
    ];
  } finally {
    for (const server of servers) server.child.kill("SIGTERM");
    await slack.close();
    await responses.close();
    rmSync(empty, { recursive: true, force: true });
  }
}
