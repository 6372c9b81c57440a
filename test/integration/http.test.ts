import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Answerer } from "../../src/slack/answerer/answerer.ts";
import {
  appHomeOpened,
  appMention,
  BOT_ID,
  blockAction,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  directMessage,
  eventCallback,
  type FakeSlack,
  postSigned,
  slashCommand,
  startSlack,
  USER_ID,
  urlVerification,
} from "../../testkit/slack/index.ts";
import { capturedProblems, type Running, SECRET, startOmbuds } from "./app.ts";

/** Everything a test's messages say, as one string, to look for figures and names in. */
const said = (message: unknown) => JSON.stringify(message);

describe("the Slack app in HTTP mode, over loopback", () => {
  let slack: FakeSlack;
  let ombuds: Running;
  let failNext = false;
  let endpoint: string;
  let dir: string;

  beforeAll(async () => {
    slack = await startSlack();
    // An answerer that can be told to fail once, to prove a failing handler never takes the process down.
    const once =
      <A extends unknown[], R>(call: (...args: A) => R) =>
      (...args: A): R => {
        if (failNext) {
          failNext = false;
          throw new Error("simulated failure in the answers");
        }
        return call(...args);
      };
    const failing = (real: Answerer): Answerer => ({
      ...real,
      answer: once(real.answer),
      respond: once(real.respond),
    });
    dir = mkdtempSync(join(tmpdir(), "ombuds-http-"));
    ombuds = await startOmbuds(slack, "http", dir, { answerer: failing });
    endpoint = `http://127.0.0.1:${ombuds.port}/slack/events`;
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

  it("/ombuds Sefton is acked at once and answered ephemerally through the response URL, with a share button", async () => {
    const started = Date.now();
    const response = await postSigned(endpoint, {
      ...slashCommand({ text: "Sefton", response_url: slack.responseUrl("sefton") }),
      secret: SECRET,
    });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const answer = await slack.waitForResponse("sefton");
    const body = answer.body as {
      response_type: string;
      blocks: { type: string; elements?: { action_id?: string }[] }[];
    };
    expect(body.response_type).toBe("ephemeral");
    expect(said(body)).toContain("Sefton Metropolitan Borough Council");
    expect(said(body)).toContain("81%");
    expect(said(body)).toContain("Witness summons");
    // What to ask next as buttons, then the Share button last.
    const buttons = body.blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
    expect(buttons.at(-1)?.action_id).toBe("share_answer");
    expect(buttons.filter((e) => e.action_id?.startsWith("ask_suggestion_")).length).toBeGreaterThan(0);
  });

  it("the share button posts the same answer visibly in the channel", async () => {
    await postSigned(endpoint, {
      ...slashCommand({ text: "compare Bury and Sefton", response_url: slack.responseUrl("ask") }),
      secret: SECRET,
    });
    const ephemeral = (await slack.waitForResponse("ask")).body as {
      blocks: { type: string; elements?: { value?: string }[] }[];
    };
    const value = ephemeral.blocks
      .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
      .find((e) => (e as { action_id?: string }).action_id === "share_answer")?.value;
    expect(value).toBeDefined();
    await postSigned(endpoint, {
      ...blockAction({ action_id: "share_answer", value, response_url: slack.responseUrl("share") }),
      secret: SECRET,
    });
    // Two posts to the button's response URL: the answer in the channel, then the private copy removed.
    await vi.waitFor(() => expect(slack.responses("share")).toHaveLength(2));
    const [shared, removed] = slack.responses("share").map((r) => r.body) as [
      { response_type: string; blocks: unknown[] },
      object,
    ];
    expect(shared.response_type).toBe("in_channel");
    expect(removed).toEqual({ delete_original: true });
    // Exactly what the person saw (without its button), then who shared it, as a mention.
    // (The last block of what was seen is the Share button, which a shared answer does not carry.)
    expect(shared.blocks.slice(0, -1)).toEqual(ephemeral.blocks.slice(0, -1));
    expect(said(shared)).toContain(`Shared by <@${USER_ID}>`);
    expect(said(shared)).not.toContain("share_answer");
    // The shared answer's chart follows in the channel.
    expect((await slack.waitFor("files.completeUploadExternal")).args.channel_id).toBe(CHANNEL_ID);
  });

  it("a suggestion button asks its question: the answer comes privately, with its own Share button", async () => {
    await postSigned(endpoint, {
      ...slashCommand({ text: "Sefton", response_url: slack.responseUrl("first") }),
      secret: SECRET,
    });
    const first = (await slack.waitForResponse("first")).body as {
      blocks: { type: string; elements?: { action_id?: string; value?: string }[] }[];
    };
    const suggestion = first.blocks
      .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
      .find((e) => e.action_id === "ask_suggestion_0");
    const question = JSON.parse(suggestion?.value ?? "{}").q as string;
    expect(question).toBe("how does Sefton compare with similar councils?");
    await postSigned(endpoint, {
      ...blockAction({
        action_id: "ask_suggestion_0",
        value: suggestion?.value,
        response_url: slack.responseUrl("next"),
      }),
      secret: SECRET,
    });
    const next = (await slack.waitForResponse("next")).body as { response_type: string };
    expect(next.response_type).toBe("ephemeral");
    expect(said(next)).toContain("Sefton against similar authorities");
    expect(said(next)).toContain("share_answer");
  });

  it("a mention in a channel is answered in a thread on the mention via chat.postMessage", async () => {
    const mention = appMention({ text: "how does Bury compare with similar councils?" });
    const response = await postSigned(endpoint, { ...eventCallback(mention), secret: SECRET });
    expect(response.status).toBe(200);
    const post = await slack.waitFor("chat.postMessage");
    expect(post.args).toMatchObject({ channel: CHANNEL_ID, thread_ts: mention.ts });
    expect(said(post.args)).toContain("27 points below");
    // Its chart follows in the thread (awaited, so that it lands in this test, not the next).
    expect((await slack.waitFor("files.completeUploadExternal")).args.thread_ts).toBe(mention.ts);
  });

  it("a direct message is answered in the DM", async () => {
    await postSigned(endpoint, {
      ...eventCallback(directMessage({ text: "what's Stockport's upheld rate?" })),
      secret: SECRET,
    });
    const post = await slack.waitFor("chat.postMessage");
    expect(post.args.channel).toBe(DM_CHANNEL_ID);
    expect(post.args.thread_ts).toBeUndefined();
    expect(said(post.args)).toContain("59%");
    expect((await slack.waitFor("files.completeUploadExternal")).args.channel_id).toBe(DM_CHANNEL_ID);
  });

  it("never answers itself or another bot, so bots cannot loop", async () => {
    await postSigned(endpoint, {
      ...eventCallback({ ...directMessage({ text: "Sefton" }), bot_id: "BOTHER", user: "UOTHERBOT" }),
      secret: SECRET,
    });
    await postSigned(endpoint, {
      ...eventCallback({ ...directMessage({ text: "Sefton" }), bot_id: BOT_ID, user: "UBOT" }),
      secret: SECRET,
    });
    await postSigned(endpoint, {
      ...eventCallback({ ...directMessage({ text: "Sefton" }), subtype: "bot_message", bot_id: "BOTHER" }),
      secret: SECRET,
    });
    // A person's message sent after them is answered: once its answer is in, the bots' messages were read and
    // passed over (each request is handled as it is acknowledged), and that answer is the only post.
    await postSigned(endpoint, { ...eventCallback(directMessage({ text: "Sefton" })), secret: SECRET });
    await slack.waitFor("chat.postMessage");
    await slack.waitFor("files.completeUploadExternal");
    expect(slack.calls("chat.postMessage").map((c) => c.args.channel)).toEqual([DM_CHANNEL_ID]);
  });

  it("opening the App Home publishes what the bot holds and how to ask", async () => {
    await postSigned(endpoint, { ...eventCallback(appHomeOpened()), secret: SECRET });
    const publish = await slack.waitFor("views.publish");
    expect(publish.args.user_id).toBe(USER_ID);
    const view = said(publish.args.view);
    expect(view).toContain("*Letters*\\n5");
    expect(view).toContain("Sefton");
    expect(view).toContain("/ombuds");
  });

  it("answers Slack's url_verification challenge", async () => {
    const response = await postSigned(endpoint, { ...urlVerification("challenge-123"), secret: SECRET });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("challenge-123");
  });

  for (const tamper of ["wrong-signature", "stale", "unsigned"] as const) {
    it(`refuses a request that is ${tamper} and lets it reach no handler`, async () => {
      const response = await postSigned(endpoint, {
        ...slashCommand({ text: "Sefton", response_url: slack.responseUrl("tampered") }),
        secret: SECRET,
        tamper,
      });
      expect(response.status).toBe(401);
      // A signed request sent after it is answered; by then the refused one would have been too, had it got through.
      await postSigned(endpoint, {
        ...slashCommand({ text: "Sefton", response_url: slack.responseUrl("signed") }),
        secret: SECRET,
      });
      await slack.waitForResponse("signed");
      expect(slack.responses().map((r) => r.id)).toEqual(["signed"]);
      expect(slack.calls().filter((c) => c.method !== "auth.test")).toEqual([]);
    });
  }

  it("escapes a user's words: <!channel> and <@U…> in a question never reach Slack as markup", async () => {
    await postSigned(endpoint, {
      ...slashCommand({
        text: "<!channel> <@U999> & <https://evil.example|click> Sefton",
        response_url: slack.responseUrl("x"),
      }),
      secret: SECRET,
    });
    const answer = said((await slack.waitForResponse("x")).body);
    expect(answer).not.toContain("<!channel>");
    expect(answer).not.toContain("<@U999>");
    // capturedProblems (after each test) checks every block and fallback text for leaked markup too.
  });

  it("retries chat.postMessage after a rate limit (Retry-After) and then posts", async () => {
    slack.fail("chat.postMessage", { ratelimited: { retryAfter: 1 } });
    await postSigned(endpoint, { ...eventCallback(appMention({ text: "Sefton" })), secret: SECRET });
    const posted = await slack.waitFor(
      (call) => call.kind === "api" && call.method === "chat.postMessage" && call.status === 200,
      {
        timeoutMs: 10_000,
      },
    );
    expect(said(posted)).toContain("81%");
    expect(slack.calls("chat.postMessage")).toHaveLength(2);
    await slack.waitFor("files.completeUploadExternal");
  });

  for (const error of ["not_in_channel", "channel_not_found"]) {
    it(`tells the user by DM when the channel refuses the answer (${error}), and does not retry`, async () => {
      slack.fail("chat.postMessage", { error });
      await postSigned(endpoint, { ...eventCallback(appMention({ text: "Sefton" })), secret: SECRET });
      const dm = await slack.waitFor(
        (call) => call.kind === "api" && call.method === "chat.postMessage" && call.args.channel === USER_ID,
      );
      expect(said(dm)).toMatch(/couldn't post my answer there/);
      expect(slack.calls("chat.postMessage")).toHaveLength(2);
    });
  }

  it("a failing handler never crashes the process: the user gets an apology with a reference that is in the log", async () => {
    failNext = true;
    await postSigned(endpoint, {
      ...slashCommand({ text: "Sefton", response_url: slack.responseUrl("boom") }),
      secret: SECRET,
    });
    const apology = said((await slack.waitForResponse("boom")).body);
    const ref = /Reference: ([0-9A-F]{6})/.exec(apology)?.[1];
    expect(ref).toBeDefined();
    const logged = ombuds.log.lines.find((line) => line.ref === ref);
    expect(logged).toMatchObject({ level: 50, msg: "listener failed" });
    expect(JSON.stringify(logged)).toContain("simulated failure in the answers");
    // And it still answers the next question.
    await postSigned(endpoint, {
      ...slashCommand({ text: "Bury", response_url: slack.responseUrl("after") }),
      secret: SECRET,
    });
    expect(said((await slack.waitForResponse("after")).body)).toContain("40%");
  });
});
