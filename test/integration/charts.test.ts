import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  appMention,
  blockAction,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  directMessage,
  eventCallback,
  type FakeSlack,
  slashCommand,
  startSlack,
} from "../../testkit/slack/index.ts";
import { capturedProblems, type Running, startOmbuds } from "./app.ts";

/** The three calls of `files.uploadV2` as the stand-in saw them: the URL asked for, the bytes, the completion. */
function uploadsOf(slack: FakeSlack) {
  return {
    asked: slack.calls("files.getUploadURLExternal"),
    bytes: slack.uploads(),
    completed: slack.calls("files.completeUploadExternal"),
  };
}

describe("charts go with the answer in Slack, uploaded with files.uploadV2", () => {
  let slack: FakeSlack;
  let ombuds: Running;
  let dir: string;

  beforeAll(async () => {
    slack = await startSlack();
    dir = mkdtempSync(join(tmpdir(), "ombuds-charts-"));
    ombuds = await startOmbuds(slack, "socket", dir);
    await slack.socket.connected();
  });
  afterEach(() => {
    expect(capturedProblems(slack)).toEqual([]);
    slack.reset();
  });
  afterAll(async () => {
    await ombuds?.stop();
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a mention's answer gets its chart in the same thread, as a PNG with alt text that says the figures", async () => {
    const mention = appMention({ text: "compare Bury and Sefton" });
    await slack.socket.send(eventCallback(mention));
    const completed = await slack.waitFor("files.completeUploadExternal", { timeoutMs: 10_000 });
    // The words first, then the picture beside them.
    const post = slack.calls("chat.postMessage")[0];
    expect(post?.args).toMatchObject({ channel: CHANNEL_ID, thread_ts: mention.ts });
    expect(post?.at).toBeLessThanOrEqual(completed.at);
    expect(completed.args).toMatchObject({ channel_id: CHANNEL_ID, thread_ts: mention.ts });

    const { asked, bytes } = uploadsOf(slack);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.args.filename).toMatch(/^bury-and-sefton-2020.*\.png$/);
    expect(String(asked[0]?.args.alt_text)).toMatch(/Bury upheld 40% \(average 67%\); Sefton upheld 81%/);
    expect(bytes).toHaveLength(1);
    const png = PNG.sync.read(bytes[0]?.bytes as Buffer);
    expect(png.width).toBe(1600);
    expect(png.height).toBeGreaterThan(400);
    expect(Number(asked[0]?.args.length)).toBe(bytes[0]?.bytes.length);
  });

  it("a DM's answer gets its chart in the DM; an answer with nothing to draw gets none", async () => {
    await slack.socket.send(eventCallback(directMessage({ text: "Sefton" })));
    const completed = await slack.waitFor("files.completeUploadExternal", { timeoutMs: 10_000 });
    expect(completed.args).toMatchObject({ channel_id: DM_CHANNEL_ID });
    expect(completed.args).not.toHaveProperty("thread_ts");

    slack.reset();
    await slack.socket.send(eventCallback(directMessage({ text: "help" })));
    await slack.waitFor("chat.postMessage");
    await new Promise((settle) => setTimeout(settle, 300));
    expect(uploadsOf(slack).asked).toEqual([]);
  });

  it("/ombuds in a channel answers privately with no file; Share posts the answer and its chart in the channel", async () => {
    await slack.socket.send(slashCommand({ text: "Sefton", response_url: slack.responseUrl("private") }));
    const shown = (await slack.waitForResponse("private")).body as {
      blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[];
    };
    await new Promise((settle) => setTimeout(settle, 300));
    expect(uploadsOf(slack).asked).toEqual([]);

    const value = shown.blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === "share_answer")?.value;
    await slack.socket.send(
      blockAction({ action_id: "share_answer", value, response_url: slack.responseUrl("shared") }),
    );
    const completed = await slack.waitFor("files.completeUploadExternal", { timeoutMs: 10_000 });
    expect(completed.args).toMatchObject({ channel_id: CHANNEL_ID });
    await vi.waitFor(() => expect(slack.responses("shared")).toHaveLength(2));
    expect(String(uploadsOf(slack).asked[0]?.args.alt_text)).toMatch(/upheld 81%/i);
  });

  it("the digest carries its chart of the week in its thread", async () => {
    await slack.socket.send(slashCommand({ text: "digest now", response_url: slack.responseUrl("now") }));
    const digest = await slack.waitFor("chat.postMessage");
    const completed = await slack.waitFor("files.completeUploadExternal", { timeoutMs: 10_000 });
    expect(digest.args.channel).toBe(CHANNEL_ID);
    expect(completed.args.channel_id).toBe(CHANNEL_ID);
    expect(typeof completed.args.thread_ts).toBe("string");
    expect(String(uploadsOf(slack).asked[0]?.args.alt_text)).toMatch(/^Ranked bar chart|Complaints upheld/);
  });
});
