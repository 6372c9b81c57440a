import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readStore } from "../../src/store/store.ts";
import {
  appMention,
  CHANNEL_ID,
  eventCallback,
  type FakeSlack,
  slashCommand,
  startSlack,
} from "../../testkit/slack/index.ts";
import { capturedProblems, type Running, startOmbuds } from "./app.ts";

const said = (message: unknown) => JSON.stringify(message);

describe("the Slack app over Socket Mode, through the real @slack/socket-mode client", () => {
  let slack: FakeSlack;
  let ombuds: Running;
  let dir: string;

  beforeAll(async () => {
    slack = await startSlack();
    dir = mkdtempSync(join(tmpdir(), "ombuds-socket-"));
    ombuds = await startOmbuds(slack, "socket", dir);
    await slack.socket.connected();
  });
  afterEach(() => {
    expect(capturedProblems(slack)).toEqual([]);
  });
  afterAll(async () => {
    await ombuds?.stop();
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens its connection with apps.connections.open on the stand-in, using the app-level token", () => {
    const open = slack.calls("apps.connections.open");
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open[0]?.token).toBe("xapp-test");
    expect(slack.socket.connections).toBe(1);
  });

  it("carries /ombuds: the envelope is acked, and the answer goes to the response URL", async () => {
    const ack = await slack.socket.send(
      slashCommand({ text: "Sefton", response_url: slack.responseUrl("socket-cmd") }),
    );
    expect(ack.envelope_id).toBeTruthy();
    const answer = said((await slack.waitForResponse("socket-cmd")).body);
    expect(answer).toContain("Sefton Metropolitan Borough Council");
    expect(answer).toContain("81%");
  });

  it("carries a mention: answered in a thread with chat.postMessage", async () => {
    const mention = appMention({ text: "any concerns for Bury?" });
    await slack.socket.send(eventCallback(mention));
    const post = await slack.waitFor("chat.postMessage");
    expect(post.args).toMatchObject({ channel: CHANNEL_ID, thread_ts: mention.ts });
    expect(said(post.args)).toContain("two cases");
  });

  it("carries a mention's digest sub-command: the channel subscribes, and the reply is in the mention's thread", async () => {
    const mention = appMention({ text: "digest on Stockport wed 7am" });
    await slack.socket.send(eventCallback(mention));
    const post = await slack.waitFor(
      (r) => r.kind === "api" && r.method === "chat.postMessage" && r.args.thread_ts === mention.ts,
    );
    expect(said(post)).toContain(
      "Subscribed. Weekly digest for Stockport Metropolitan Borough Council, Wednesdays at 07:00",
    );
    expect((await readStore(join(dir, "db.json"))).data.subscriptions).toEqual([
      expect.objectContaining({ channel: CHANNEL_ID, day: 3, time: "07:00" }),
    ]);
  });

  it("reconnects after Slack's disconnect message and keeps answering", async () => {
    await slack.socket.disconnect("refresh_requested");
    await slack.socket.connected({ timeoutMs: 15_000 });
    expect(slack.socket.connections).toBe(2);
    await slack.socket.send(
      slashCommand({ text: "compare Bury and Stockport", response_url: slack.responseUrl("after") }),
    );
    expect(said((await slack.waitForResponse("after")).body)).toContain("Bury and Stockport side by side");
  });
});
