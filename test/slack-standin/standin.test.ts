import type { AddressInfo } from "node:net";
import {
  App,
  HTTPReceiver,
  type Logger,
  LogLevel,
  SocketModeReceiver,
  verifySlackRequest,
} from "@slack/bolt";
import { SocketModeClient } from "@slack/socket-mode";
import { ErrorCode, WebClient, WebClientEvent } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import {
  appMention,
  BOT_ID,
  BOT_USER_ID,
  blockAction,
  eventCallback,
  type FakeSlack,
  postSigned,
  signedRequest,
  slackSignature,
  slashCommand,
  startSlack,
  urlVerification,
} from "../../testkit/slack/index.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const BOT_TOKEN = "xoxb-test";
const APP_TOKEN = "xapp-test";
/**
 * @slack/socket-mode waits clientPingTimeout (default 5 s) before reconnecting, and pings every third of it;
 * a shorter one keeps the reconnection test quick without making pongs (answered at once by `ws`) late.
 */
const CLIENT_PING_TIMEOUT = 1_000;

let slack: FakeSlack;
/** Run after each test, newest first, before the stand-in closes: clients must go before the server. */
let cleanups: (() => unknown)[] = [];

beforeEach(async () => {
  slack = await startSlack();
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
  await slack.close();
});

function webClient(options: ConstructorParameters<typeof WebClient>[1] = {}): WebClient {
  return new WebClient(BOT_TOKEN, { slackApiUrl: slack.apiUrl, logLevel: LogLevel.ERROR, ...options });
}

/** A Logger that keeps error lines in `errors` and drops the rest. */
function quietLogger(errors: string[]): Logger {
  let level = LogLevel.ERROR;
  const ignore = () => {};
  return {
    debug: ignore,
    info: ignore,
    warn: ignore,
    error: (...message: unknown[]) => errors.push(message.join(" ")),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: ignore,
  };
}

function elapsedSince(start: number): number {
  return performance.now() - start;
}

describe("Web API", () => {
  it("records chat.postMessage with its blocks decoded and answers with a fresh ts", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Stockport*: 12 complaints" } }];
    const result = await webClient().chat.postMessage({
      channel: "C123",
      text: "[draft] 12 complaints",
      blocks,
    });

    expect(result).toMatchObject({ ok: true, channel: "C123", ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const [call] = slack.calls("chat.postMessage");
    expect(call).toMatchObject({
      method: "chat.postMessage",
      token: BOT_TOKEN,
      args: { channel: "C123", blocks },
    });
    // text stays text even when it looks a little like JSON
    expect(call?.args.text).toBe("[draft] 12 complaints");
    expect(call?.args).not.toHaveProperty("token");

    const second = await webClient().chat.postMessage({ channel: "C123", text: "again" });
    expect(second.ts).not.toBe(result.ts);
  });

  it("answers auth.test with the bot's ids, which Bolt uses to recognise its own messages", async () => {
    const result = await webClient().auth.test();
    expect(result).toMatchObject({ ok: true, user_id: BOT_USER_ID, bot_id: BOT_ID, url: `${slack.url}/` });
  });

  it("rate-limits with 429 and Retry-After; WebClient waits that long, retries, and succeeds", async () => {
    slack.fail("chat.postMessage", { ratelimited: { retryAfter: 1 } });
    // No backoff of its own on top of Retry-After (the default policy adds 1 s or more), to keep the test short.
    const client = webClient({ retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });
    const rateLimited: number[] = [];
    client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimited.push(seconds));

    const start = performance.now();
    const result = await client.chat.postMessage({ channel: "C123", text: "hello" });

    expect(elapsedSince(start)).toBeGreaterThanOrEqual(950);
    expect(result.ok).toBe(true);
    expect(rateLimited).toEqual([1]);
    expect(slack.calls("chat.postMessage").map((c) => [c.status, c.result.error])).toEqual([
      [429, "ratelimited"],
      [200, undefined],
    ]);
  });

  it("fails with channel_not_found as WebClient's platform error, for `times` calls only", async () => {
    slack.fail("chat.postMessage", { error: "channel_not_found" }, { times: 2 });
    const client = webClient();

    for (let i = 0; i < 2; i++) {
      const error = await client.chat
        .postMessage({ channel: "C404", text: "hello" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: ErrorCode.PlatformError,
        data: { ok: false, error: "channel_not_found" },
      });
    }
    await expect(client.chat.postMessage({ channel: "C404", text: "hello" })).resolves.toMatchObject({
      ok: true,
    });
  });

  it("applies Slack's token rules: none is not_authed, and app and bot tokens are not interchangeable", async () => {
    await expect(new WebClient(undefined, { slackApiUrl: slack.apiUrl }).auth.test()).rejects.toMatchObject({
      data: { error: "not_authed" },
    });
    await expect(webClient().apps.connections.open({})).rejects.toMatchObject({
      data: { error: "not_allowed_token_type" },
    });
    const appClient = new WebClient(APP_TOKEN, { slackApiUrl: slack.apiUrl });
    await expect(appClient.chat.postMessage({ channel: "C1", text: "x" })).rejects.toMatchObject({
      data: { error: "not_allowed_token_type" },
    });
  });

  it("answers as scripted, waits for calls still to come, and says what it saw when a wait times out", async () => {
    slack.answer("users.info", ({ args }) => ({ user: { id: args.user, tz: "Europe/Paris" } }));
    const client = webClient();
    const waiting = slack.waitFor("users.info");
    await expect(client.users.info({ user: "U9" })).resolves.toMatchObject({
      ok: true,
      user: { tz: "Europe/Paris" },
    });
    await expect(waiting).resolves.toMatchObject({ args: { user: "U9" } });

    await expect(slack.waitFor("chat.update", { timeoutMs: 50 })).rejects.toThrow(
      /waitFor\(chat\.update\) timed out after 50 ms; recorded:\n {2}- users\.info \{"user":"U9"\}/,
    );

    slack.reset();
    expect(slack.calls()).toEqual([]);
    await expect(client.users.info({ user: "U9" })).resolves.toMatchObject({ user: { tz: "Europe/London" } });
  });
});

describe("response URLs", () => {
  it("records what is posted to a response URL, as Bolt's respond() posts it", async () => {
    const url = slack.responseUrl("cmd-1");
    expect(url).toBe(`${slack.url}/respond/cmd-1`);
    const waiting = slack.waitForResponse("cmd-1");

    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: "Stockport: 12", response_type: "ephemeral" }),
    });

    expect(res.status).toBe(200);
    expect(await res.text()).toBe("ok");
    await expect(waiting).resolves.toMatchObject({ id: "cmd-1", body: { text: "Stockport: 12" } });
    expect(slack.responses("cmd-1")).toHaveLength(1);
    expect(slack.responseUrl()).not.toBe(slack.responseUrl());
  });
});

describe("Socket Mode", () => {
  function socketModeClient(logger?: Logger): SocketModeClient {
    const client = new SocketModeClient({
      appToken: APP_TOKEN,
      clientOptions: { slackApiUrl: slack.apiUrl },
      clientPingTimeout: CLIENT_PING_TIMEOUT,
      ...(logger ? { logger } : { logLevel: LogLevel.ERROR }),
    });
    cleanups.push(() => client.disconnect());
    return client;
  }

  it("hands out a ticket, says hello, carries envelopes and acks, and survives a disconnect", async () => {
    const client = socketModeClient();
    client.on("slash_commands", async ({ ack, body }) => {
      await ack({ text: `hi ${body.text}` });
    });
    client.on("app_mention", async ({ ack }) => {
      await ack();
    });

    await client.start();
    await slack.socket.connected();
    expect(slack.socket.connections).toBe(1);
    expect(slack.calls("apps.connections.open")).toMatchObject([{ token: APP_TOKEN, result: { ok: true } }]);

    const command = slashCommand({ text: "stockport" });
    const ack = await slack.socket.send({
      envelope_id: "env-1",
      type: "slash_commands",
      payload: command.payload,
    });
    expect(ack).toMatchObject({ envelope_id: "env-1", payload: { text: "hi stockport" } });

    await slack.socket.disconnect();
    await slack.socket.connected();
    expect(slack.socket.connections).toBe(2);
    expect(slack.calls("apps.connections.open")).toHaveLength(2);

    // A builder's request goes in as is: the stand-in wraps it in the envelope Slack would use.
    const second = await slack.socket.send(eventCallback(appMention({ text: "hello" })));
    // A bare ack() still carries a payload: @slack/socket-mode 3 always sends `{ envelope_id, payload: {} }`.
    expect(second.payload).toEqual({});
    expect(slack.socket.sent[1]).toMatchObject({
      type: "events_api",
      retry_attempt: 0,
      accepts_response_payload: false,
    });
  });

  it("drops a connection without warning; the client notices and reconnects on its own", async () => {
    // The client reports the cut at error level: keep it out of the test output, but check it was seen.
    const errors: string[] = [];
    const client = socketModeClient(quietLogger(errors));
    client.on("slash_commands", async ({ ack }) => ack());
    await client.start();

    slack.socket.drop();
    await slack.socket.connected();

    expect(slack.socket.connections).toBe(2);
    expect(errors.join("\n")).toMatch(/WebSocket error/);
    await expect(slack.socket.send(slashCommand())).resolves.toMatchObject({ payload: {} });
  });

  it("refuses a WebSocket with a ticket it did not issue, or one already used", async () => {
    const open = await new WebClient(APP_TOKEN, { slackApiUrl: slack.apiUrl }).apps.connections.open({});
    const first = new WebSocket(String(open.url));
    await new Promise((resolve, reject) => {
      first.once("message", resolve);
      first.once("error", reject);
    });
    first.close();

    for (const url of [String(open.url), `${slack.url.replace("http", "ws")}/link?ticket=999`]) {
      const refused = new WebSocket(url);
      const error = await new Promise<Error>((resolve) => refused.once("error", resolve));
      expect(error.message).toMatch(/401/);
    }
  });
});

describe("request signing", () => {
  const body = slashCommand({ text: "stockport" }).body;
  function verify(request: ReturnType<typeof signedRequest>): void {
    verifySlackRequest({
      signingSecret: SECRET,
      body: request.body,
      headers: {
        "x-slack-signature": request.headers["X-Slack-Signature"] ?? "",
        "x-slack-request-timestamp": Number(request.headers["X-Slack-Request-Timestamp"]),
      },
    });
  }

  it("signs as Slack does, which Bolt's own verifySlackRequest accepts", () => {
    const request = signedRequest({ body, contentType: "application/x-www-form-urlencoded", secret: SECRET });
    expect(request.headers["X-Slack-Signature"]).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(() => verify(request)).not.toThrow();
    // Slack's documented example: a known secret, timestamp and body give a known signature.
    expect(
      slackSignature(
        "8f742231b10e8888abcd99yyyzzz85a5",
        1531420618,
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
      ),
    ).toBe("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  });

  it("can spoil a request: a wrong signature or an old timestamp fail verification; unsigned has no headers", () => {
    const options = { body, contentType: "application/x-www-form-urlencoded", secret: SECRET } as const;
    expect(() => verify(signedRequest({ ...options, tamper: "wrong-signature" }))).toThrow(
      /signature mismatch/,
    );
    expect(() => verify(signedRequest({ ...options, tamper: "stale" }))).toThrow(/stale/);
    const unsigned = signedRequest({ ...options, tamper: "unsigned" });
    expect(unsigned.headers).not.toHaveProperty("X-Slack-Signature");
    expect(unsigned.headers).not.toHaveProperty("X-Slack-Request-Timestamp");
  });
});

describe("Bolt against the stand-in", () => {
  it("HTTP: verifies the signed payloads, parses each builder's body, and responds through the stand-in", async () => {
    const receiver = new HTTPReceiver({
      signingSecret: SECRET,
      endpoints: "/slack/events",
      logLevel: LogLevel.ERROR,
    });
    const app = new App({
      token: BOT_TOKEN,
      receiver,
      clientOptions: { slackApiUrl: slack.apiUrl },
      logLevel: LogLevel.ERROR,
    });
    app.command("/ombuds", async ({ ack, command, respond }) => {
      await ack();
      await respond({ text: `You asked: ${command.text}`, response_type: "ephemeral" });
    });
    app.action("share", async ({ ack, action, respond }) => {
      await ack();
      await respond({ text: `shared ${"value" in action ? action.value : ""}`, replace_original: true });
    });
    app.event("app_mention", async ({ event, say }) => {
      await say({ text: `Hello <@${event.user}>`, thread_ts: event.ts });
    });
    const server = await app.start({ port: 0, host: "127.0.0.1" });
    cleanups.push(() => app.stop());
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

    const command = slashCommand({ text: "complaints in stockport", response_url: slack.responseUrl("cmd") });
    expect((await postSigned(endpoint, { ...command, secret: SECRET })).status).toBe(200);
    await expect(slack.waitForResponse("cmd")).resolves.toMatchObject({
      body: { text: "You asked: complaints in stockport" },
    });

    for (const tamper of ["wrong-signature", "stale", "unsigned"] as const) {
      expect((await postSigned(endpoint, { ...command, secret: SECRET, tamper })).status, tamper).toBe(401);
    }

    const challenge = await postSigned(endpoint, { ...urlVerification("abc"), secret: SECRET });
    expect(await challenge.json()).toEqual({ challenge: "abc" });

    const click = blockAction({ action_id: "share", value: "q-1", response_url: slack.responseUrl("click") });
    expect((await postSigned(endpoint, { ...click, secret: SECRET })).status).toBe(200);
    await expect(slack.waitForResponse("click")).resolves.toMatchObject({ body: { text: "shared q-1" } });

    const mention = eventCallback(appMention({ text: "hello", user: "U7", channel: "C7" }));
    expect((await postSigned(endpoint, { ...mention, secret: SECRET })).status).toBe(200);
    await expect(slack.waitFor("chat.postMessage")).resolves.toMatchObject({
      token: BOT_TOKEN,
      args: { channel: "C7", text: "Hello <@U7>", thread_ts: mention.payload.event.ts },
    });
  });

  it("Socket Mode: connects through apps.connections.open, acks envelopes, and responds through the stand-in", async () => {
    const clientOptions = { slackApiUrl: slack.apiUrl };
    const receiver = new SocketModeReceiver({
      appToken: APP_TOKEN,
      // The receiver's own Socket Mode client takes its Web API URL from installerOptions, not from the App.
      installerOptions: { clientOptions },
      clientPingTimeout: CLIENT_PING_TIMEOUT,
      logLevel: LogLevel.ERROR,
    });
    const app = new App({ token: BOT_TOKEN, receiver, clientOptions, logLevel: LogLevel.ERROR });
    app.command("/ombuds", async ({ ack, command, respond }) => {
      await ack(`Looking up ${command.text}…`);
      await respond({ text: "Stockport: 12" });
    });
    app.event("app_mention", async ({ event, say }) => {
      await say({ text: `Hello <@${event.user}>` });
    });
    await app.start();
    cleanups.push(() => app.stop());
    await slack.socket.connected();

    const command = slashCommand({ text: "stockport", response_url: slack.responseUrl("sm") });
    await expect(slack.socket.send(command)).resolves.toMatchObject({
      payload: { text: "Looking up stockport…" },
    });
    await expect(slack.waitForResponse("sm")).resolves.toMatchObject({ body: { text: "Stockport: 12" } });

    await expect(
      slack.socket.send(eventCallback(appMention({ text: "hi", user: "U7" }))),
    ).resolves.toMatchObject({
      payload: {},
    });
    await expect(slack.waitFor("chat.postMessage")).resolves.toMatchObject({ args: { text: "Hello <@U7>" } });
  });
});
