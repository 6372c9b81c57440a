import { createServer, type Server } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { WebClient } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { slackLogger } from "../../src/log.ts";
import { callFailure } from "../../src/slack/reachability/failure.ts";
import { probe } from "../../src/slack/reachability/probe.ts";
import { SlackRefused } from "../../src/slack/reachability/refused.ts";
import { signIn } from "../../src/slack/reachability/sign-in.ts";
import { createWatch, duration } from "../../src/slack/reachability/watch.ts";
import { logged } from "../support/log.ts";

/*
 * The reasons the watch gives, each from a real failure on loopback (or a name that cannot resolve), through the
 * real Web API client: what an operator reads in the one warning.
 */

const servers: { close(callback: () => void): unknown }[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((done) => server.close(() => done()));
});

async function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return (server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Why one `auth.test` to `apiUrl` failed, as the watch would say it. */
async function reason(apiUrl: string, options: { timeout?: number } = {}): Promise<string | undefined> {
  const client = new WebClient("xoxb-test", {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    logger: slackLogger(logged("info").logger),
    ...options,
  });
  try {
    await client.auth.test();
    return "answered";
  } catch (error) {
    return callFailure(error)?.reason;
  }
}

describe("why Slack cannot be reached, in the warning's words", () => {
  it("a closed port: connection refused", async () => {
    expect(await reason(`http://127.0.0.1:${await closedPort()}/api/`)).toBe("connection refused");
  });

  it("a name that does not resolve: DNS lookup failed", async () => {
    expect(await reason("http://ombuds-test.invalid/api/")).toMatch(/^DNS lookup failed/);
  });

  it("https to a server that does not speak TLS: TLS failed, with the code", async () => {
    const port = await listen(createServer((_req, res) => res.end("plain")));
    expect(await reason(`https://127.0.0.1:${port}/api/`)).toMatch(/^TLS failed \(ERR_SSL_/);
  });

  it("a server that never answers: timed out", async () => {
    const port = await listen(createServer(() => {}));
    expect(await reason(`http://127.0.0.1:${port}/api/`, { timeout: 100 })).toBe("timed out");
  });

  it("a proxy or gateway in the way: its HTTP status", async () => {
    const port = await listen(
      createServer((_req, res) => {
        res.writeHead(503, "Service Unavailable");
        res.end("down for maintenance");
      }),
    );
    expect(await reason(`http://127.0.0.1:${port}/api/`)).toBe("HTTP 503 Service Unavailable");
  });

  it("a WebSocket host: refused, or reachable but not answering the handshake", async () => {
    expect((await probe(`ws://127.0.0.1:${await closedPort()}/link`)).reason).toBe("connection refused");
    const port = await listen(createTcpServer((socket) => socket.end()));
    expect((await probe(`ws://127.0.0.1:${port}/link`)).reason).toBe(
      "the host answered, but the WebSocket handshake failed",
    );
  });

  it("a port fetch never uses is refused at once, naming SLACK_API_URL, not retried", async () => {
    const { logger, log } = logged("info");
    const attempt = signIn({
      botToken: "xoxb-test",
      apiUrl: "http://127.0.0.1:6000/api/",
      watch: createWatch(logger),
      timings: { firstMs: 5, maxMs: 10 },
      logger,
    });
    await expect(attempt).rejects.toBeInstanceOf(SlackRefused);
    await expect(attempt).rejects.toThrow(
      /^SLACK_API_URL cannot be used \(127\.0\.0\.1:6000\): fetch never connects/,
    );
    expect(log.lines).toEqual([]);
  });
});

describe("the watch", () => {
  it("warns when a target goes down and again only when the reason changes; one info when it is back", () => {
    const { logger, log } = logged("info");
    let now = 0;
    const watch = createWatch(logger, () => now);
    const api = { name: "Slack's Web API", host: "slack.com" };
    const refused = { reason: "connection refused", code: "ECONNREFUSED" };
    watch.reached(api);
    watch.failed(api, refused);
    now = 1_000;
    watch.failed(api, refused);
    watch.failed(api, refused);
    watch.failed(api, { reason: "DNS lookup failed (no such host)", code: "ENOTFOUND" });
    now = 200_000;
    watch.reached(api);
    watch.reached(api);
    expect(log.lines.map((line) => [line.level, line.msg])).toEqual([
      [40, "cannot reach Slack's Web API at slack.com: connection refused; retrying with backoff"],
      [
        40,
        "cannot reach Slack's Web API at slack.com: DNS lookup failed (no such host); retrying with backoff",
      ],
      [30, "reconnected to Slack's Web API at slack.com after 3 min 20 s"],
    ]);
  });

  it("says how long, as precisely as a reader of an outage needs", () => {
    expect([850, 4_200, 42_000, 180_000, 7_500_000].map(duration)).toEqual([
      "850 ms",
      "4.2 s",
      "42 s",
      "3 min",
      "2 h 5 min",
    ]);
  });
});
