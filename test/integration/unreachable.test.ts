import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer, type Server, type Socket } from "node:net";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { REFUSED_EXIT, startSlack as startBot } from "../../src/bot.ts";
import { loadConfig, type SlackSettings } from "../../src/config.ts";
import { createLogger } from "../../src/log.ts";
import {
  appMention,
  eventCallback,
  type FakeSlack,
  postSigned,
  slashCommand,
  startSlack,
} from "../../testkit/slack/index.ts";
import { LogLines } from "../support/log.ts";
import { sampleFolder, tempDir } from "../support/tmp.ts";
import { SECRET } from "./app.ts";

/*
 * Slack unreachable (issue 13): the bot says once what it cannot reach and why, retries with backoff, says once
 * when it is through again, and stops with one clear line when Slack refuses a token. The backoff here is
 * milliseconds, so several retries take a fraction of a second; every wait is on a log line or the stand-in.
 */

const FAST = { firstMs: 5, maxMs: 40 };

type Line = Record<string, unknown>;
const WARN = 40;
const INFO = 30;

/** The bot's log, parsed, with a way to wait for a line. */
class Log extends LogLines {
  private waiters: { match: (line: Line) => boolean; resolve: (line: Line) => void }[] = [];
  override _write(chunk: Buffer, encoding: string, done: () => void) {
    const before = this.lines.length;
    super._write(chunk, encoding, () => {});
    for (const line of this.lines.slice(before)) {
      for (const waiter of [...this.waiters]) {
        if (!waiter.match(line)) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
    done();
  }
  /** The first line matching, already written or to come; fails after 10 s, showing what was logged. */
  next(match: (line: Line) => boolean): Promise<Line> {
    const found = this.lines.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const said = this.lines.filter((line) => Number(line.level) >= INFO).map((line) => `  ${line.msg}`);
        reject(new Error(`no such log line after 10 s; logged at info and above:\n${said.join("\n")}`));
      }, 10_000);
      this.waiters.push({
        match,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  }
  /** The `count`th line matching. */
  nth(count: number, match: (line: Line) => boolean): Promise<Line> {
    let seen = 0;
    return this.next((line) => match(line) && ++seen >= count);
  }
  at(level: number): Line[] {
    return this.lines.filter((line) => line.level === level);
  }
}
const msg = (text: string) => (line: Line) => String(line.msg).includes(text);

/** A port nothing listens on (it was free a moment ago: the bot's connections to it are refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Slack "coming up" on `port`: every connection there is passed through to the stand-in. */
async function forward(port: number, to: FakeSlack): Promise<Server> {
  const target = Number(new URL(to.url).port);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  const close = server.close.bind(server);
  server.close = (callback) => {
    for (const socket of sockets) socket.destroy();
    return close(callback);
  };
  return server;
}

function config(letters: string) {
  return loadConfig({ OMBUDS_DB: join(tempDir(), "db.json"), OMBUDS_LETTERS: letters, LOG_LEVEL: "debug" });
}

/** `npm start`'s bot in this process, on the sample letters, with a fast backoff and a log to wait on. */
function runBot(apiUrl: string, cleanup: (() => unknown)[], mode: "socket" | "http" = "socket") {
  const log = new Log();
  const stderr: string[] = [];
  const stop = new AbortController();
  const settings: SlackSettings =
    mode === "socket"
      ? { mode, botToken: "xoxb-test", appToken: "xapp-test", apiUrl }
      : { mode, botToken: "xoxb-test", signingSecret: SECRET, port: 0, apiUrl };
  const exit = startBot(config(sampleFolder()), settings, {
    logger: createLogger("debug", log),
    stderr: { write: (text: string) => stderr.push(text) },
    backoff: FAST,
    signal: stop.signal,
  });
  cleanup.push(() => {
    stop.abort();
    return exit;
  });
  return { log, stderr, exit, stop: () => stop.abort() };
}

describe("Slack unreachable", () => {
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it("at start: one warning naming the host and 'connection refused' over several retries, one 'reconnected' when Slack comes up, then it answers", async () => {
    const slack = await startSlack();
    cleanup.push(() => slack.close());
    const port = await closedPort();
    const host = `127.0.0.1:${port}`;
    const bot = runBot(`http://${host}/api/`, cleanup);
    const { log } = bot;

    // Four attempts refused: the first warns, the others are debug lines.
    await log.nth(3, msg("still cannot reach Slack's Web API"));
    const proxy = await forward(port, slack);
    cleanup.push(() => new Promise((done) => proxy.close(done)));
    const back = await log.next(msg("reconnected to Slack's Web API"));
    await log.next(msg("ombuds is running"));
    await slack.socket.connected();

    await slack.socket.send(slashCommand({ text: "Sefton", response_url: slack.responseUrl("after") }));
    expect(JSON.stringify((await slack.waitForResponse("after")).body)).toContain("81%");

    expect(log.at(WARN).map((line) => line.msg)).toEqual([
      `cannot reach Slack's Web API at ${host}: connection refused; retrying with backoff`,
    ]);
    expect(log.at(WARN)[0]).toMatchObject({ host, reason: "connection refused", code: "ECONNREFUSED" });
    expect(back.msg).toMatch(new RegExp(`^reconnected to Slack's Web API at ${host} after \\d`));
    expect(log.at(INFO).filter(msg("reconnected"))).toHaveLength(1);
    // The SDK's own line for each failed attempt is still there for LOG_LEVEL=debug, but no louder.
    expect(log.lines.filter(msg("http request failed")).every((line) => line.level === 20)).toBe(true);

    bot.stop();
    expect(await bot.exit).toBe(0);
  });

  it("while running: the network goes, the connection drops, one warning while it retries, one 'reconnected', and it answers again", async () => {
    const slack = await startSlack();
    cleanup.push(() => slack.close());
    const port = await closedPort();
    const host = `127.0.0.1:${port}`;
    let proxy = await forward(port, slack);
    cleanup.push(() => new Promise((done) => proxy.close(done)));
    // The WebSocket through the same port, so that taking the port away is the network going down.
    slack.answer("apps.connections.open", () => ({
      url: `ws://${host}/link?ticket=${slack.socket.issueTicket()}`,
    }));
    const bot = runBot(`http://${host}/api/`, cleanup);
    const { log } = bot;
    await log.next(msg("ombuds is running"));
    await slack.socket.connected();

    await new Promise((done) => proxy.close(done));
    await log.nth(3, msg("still cannot reach Slack's Web API"));
    proxy = await forward(port, slack);
    await log.next(msg("reconnected to Slack's Web API"));
    await slack.socket.connected();
    expect(slack.socket.connections).toBe(2);
    await slack.socket.send(slashCommand({ text: "Bury", response_url: slack.responseUrl("again") }));
    expect(JSON.stringify((await slack.waitForResponse("again")).body)).toContain("Bury");

    expect(log.at(WARN).map((line) => line.msg)).toEqual([
      `cannot reach Slack's Web API at ${host}: connection refused; retrying with backoff`,
    ]);
    expect(log.at(INFO).filter(msg("reconnected"))).toHaveLength(1);
  });

  it("HTTP mode, while running: a post that cannot reach the Web API is named once, and 'reconnected' when the client's retry gets through", async () => {
    const slack = await startSlack();
    cleanup.push(() => slack.close());
    const port = await closedPort();
    const host = `127.0.0.1:${port}`;
    let proxy = await forward(port, slack);
    cleanup.push(() => new Promise((done) => proxy.close(done)));
    const bot = runBot(`http://${host}/api/`, cleanup, "http");
    const { log } = bot;
    const running = await log.next(msg("ombuds is running"));

    await new Promise((done) => proxy.close(done));
    const mention = appMention({ text: "any concerns for Bury?" });
    await postSigned(`http://127.0.0.1:${running.port}/slack/events`, {
      ...eventCallback(mention),
      secret: SECRET,
    });
    await log.next(msg("cannot reach Slack's Web API"));
    // The Web API client retries the post on its own schedule (about a second, then doubling): Slack is back first.
    proxy = await forward(port, slack);
    const post = await slack.waitFor("chat.postMessage", { timeoutMs: 10_000 });
    expect(post.args).toMatchObject({ thread_ts: mention.ts });
    await log.next(msg("reconnected to Slack's Web API"));

    expect(log.at(WARN).map((line) => line.msg)).toEqual([
      `cannot reach Slack's Web API at ${host}: connection refused; retrying with backoff`,
    ]);
    expect(log.at(50)).toEqual([]);
  });

  it("the WebSocket's host unreachable: named once with its own host and reason, retried, then 'reconnected'", async () => {
    const slack = await startSlack();
    cleanup.push(() => slack.close());
    const wsPort = await closedPort();
    const wsHost = `127.0.0.1:${wsPort}`;
    slack.answer("apps.connections.open", { url: `ws://${wsHost}/link?ticket=none` });
    const bot = runBot(slack.apiUrl, cleanup);
    const { log } = bot;

    await log.nth(3, msg("still cannot reach Slack's Socket Mode WebSocket"));
    slack.reset();
    const back = await log.next(msg("reconnected to Slack's Socket Mode WebSocket"));
    await log.next(msg("ombuds is running"));

    expect(log.at(WARN).map((line) => line.msg)).toEqual([
      `cannot reach Slack's Socket Mode WebSocket at ${wsHost}: connection refused; retrying with backoff`,
    ]);
    expect(back.msg).toContain(`at ${wsHost} after`);
    // Socket Mode's own two error lines for each failed WebSocket are debug lines now.
    expect(log.lines.filter(msg("WebSocket error")).every((line) => line.level === 20)).toBe(true);
    expect(log.at(50)).toEqual([]);
  });

  it("an app token Slack refuses: stops at once with one line, exit code 78, no retry", async () => {
    const slack = await startSlack();
    cleanup.push(() => slack.close());
    slack.fail("apps.connections.open", { error: "invalid_auth" }, { times: 100 });
    const bot = runBot(slack.apiUrl, cleanup);
    expect(await bot.exit).toBe(REFUSED_EXIT);
    expect(bot.stderr).toEqual([
      "ombuds: Slack: SLACK_APP_TOKEN was refused: the token is not valid (invalid_auth)\n",
    ]);
    expect(slack.calls("apps.connections.open")).toHaveLength(1);
    expect(bot.log.at(WARN)).toEqual([]);
  });

  it("an app token revoked while running: the next reconnect is refused, and the bot stops with one line and 78", async () => {
    const slack = await startSlack();
    cleanup.push(() => slack.close());
    const bot = runBot(slack.apiUrl, cleanup);
    await bot.log.next(msg("ombuds is running"));
    slack.fail("apps.connections.open", { error: "token_revoked" }, { times: 100 });
    await slack.socket.disconnect("refresh_requested");
    expect(await bot.exit).toBe(REFUSED_EXIT);
    expect(bot.stderr).toEqual([
      "ombuds: Slack: SLACK_APP_TOKEN was refused: the token has been revoked (token_revoked)\n",
    ]);
    expect(bot.log.at(WARN)).toEqual([]);
  });

  it("a bot token Slack refuses: `ombuds start` exits 78 with one line before ingesting anything", async () => {
    const slack = await startSlack();
    cleanup.push(() => slack.close());
    slack.fail("auth.test", { error: "invalid_auth" }, { times: 100 });
    const child = spawn(process.execPath, [resolve("bin/ombuds.js"), "start"], {
      env: {
        ...process.env,
        SLACK_MODE: "socket",
        SLACK_BOT_TOKEN: "xoxb-revoked-secret",
        SLACK_APP_TOKEN: "xapp-test",
        SLACK_API_URL: slack.apiUrl,
        OMBUDS_DB: join(tempDir(), "db.json"),
        OMBUDS_LETTERS: sampleFolder(),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((done) => (child as ChildProcess).on("exit", done));
    expect(code).toBe(REFUSED_EXIT);
    expect(stderr).toBe(
      "ombuds: Slack: SLACK_BOT_TOKEN was refused: the token is not valid (invalid_auth)\n",
    );
    expect(slack.calls("auth.test")).toHaveLength(1);
  });
});
