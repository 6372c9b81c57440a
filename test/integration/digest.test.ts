import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runDueDigests } from "../../src/digest/run.ts";
import { createLogger } from "../../src/log.ts";
import { postDigest } from "../../src/slack/digest.ts";
import type { Subscription } from "../../src/store/schema.ts";
import { readStore, updateStore } from "../../src/store/store.ts";
import {
  appHomeOpened,
  appMention,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  directMessage,
  eventCallback,
  type FakeSlack,
  postSigned,
  slashCommand,
  startSlack,
  USER_ID,
} from "../../testkit/slack/index.ts";
import { dueSubscription, subscription } from "../fixtures/subscriptions.ts";
import { capturedProblems, LogLines, NOW, type Running, SECRET, startOmbuds } from "./app.ts";

const said = (message: unknown) => JSON.stringify(message);

describe("the weekly digest in Slack", () => {
  let slack: FakeSlack;
  let ombuds: Running;
  let dir: string;
  let endpoint: string;
  let n = 0;
  const store = () => join(dir, "db.json");

  /** `/ombuds <text>` in the general channel (by `user`, the officer by default); resolves with the response. */
  async function command(text: string, user = USER_ID): Promise<unknown> {
    const id = `digest-${n++}`;
    await postSigned(endpoint, {
      ...slashCommand({ text, response_url: slack.responseUrl(id), user_id: user }),
      secret: SECRET,
    });
    return (await slack.waitForResponse(id)).body;
  }

  beforeAll(async () => {
    slack = await startSlack();
    dir = mkdtempSync(join(tmpdir(), "ombuds-digest-"));
    ombuds = await startOmbuds(slack, "http", dir);
    endpoint = `http://127.0.0.1:${ombuds.port}/slack/events`;
  });
  afterEach(async () => {
    expect(capturedProblems(slack)).toEqual([]);
    slack.reset();
    await updateStore(store(), (data) => {
      data.subscriptions = [];
      return { changed: true, result: undefined };
    });
  });
  afterAll(async () => {
    await ombuds?.stop();
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("/ombuds digest on Bury, Sefton tuesday 08:30 subscribes the channel and says when the next digest comes", async () => {
    const reply = said(await command("digest on Bury, Sefton tuesday 08:30"));
    expect(reply).toContain("Subscribed.");
    expect(reply).toContain("Tuesdays at 08:30 (Europe/London)");
    expect(reply).toContain("Next digest: Tuesday 1 December");
    const [subscription] = (await readStore(store())).data.subscriptions;
    expect(subscription).toMatchObject({
      channel: CHANNEL_ID,
      councils: ["Bury Metropolitan Borough Council", "Sefton Metropolitan Borough Council"],
      day: 2,
      time: "08:30",
      timeZone: "Europe/London",
    });
  });

  it("bad arguments get a clear message and change nothing", async () => {
    await command("digest on");
    const before = readFileSync(store(), "utf8");
    const reply = said(await command("digest on Funday 25:00"));
    expect(reply).toContain("Nothing changed");
    expect(reply).toMatch(/Funday|25:00/);
    expect(readFileSync(store(), "utf8")).toBe(before);
  });

  it("status shows the settings and the next post; off ends it", async () => {
    expect(said(await command("digest status"))).toContain("This channel has no weekly digest");
    await command("digest on quiet");
    const status = said(await command("digest status"));
    expect(status).toContain("Weekly digest for all councils, Mondays at 09:00 (Europe/London), quiet");
    expect(status).toContain("Next digest: Monday 30 November");
    expect(said(await command("digest off"))).toContain("is off");
    expect((await readStore(store())).data.subscriptions).toEqual([]);
  });

  it("preview shows the digest ephemerally; now posts it in the channel", async () => {
    const preview = (await command("digest preview")) as { response_type: string };
    expect(preview.response_type).toBe("ephemeral");
    expect(said(preview)).toContain("Ombudsman digest, week of");
    expect(said(preview)).toContain("*Sefton* (2020)");
    await command("digest on");
    await postSigned(endpoint, {
      ...slashCommand({ text: "digest now", response_url: slack.responseUrl("now") }),
      secret: SECRET,
    });
    const post = await slack.waitFor("chat.postMessage");
    expect(post.args.channel).toBe(CHANNEL_ID);
    expect(said(post.args)).toContain("Needing attention");
    // The post is recorded just after it is made: wait for the store to say so.
    await vi.waitFor(async () =>
      expect((await readStore(store())).data.subscriptions[0]?.lastPostedAt).toBe(NOW.toISOString()),
    );
  });

  it("someone else's off is refused and the digest kept; a workspace admin's off ends it", async () => {
    await command("digest on Bury");
    // users.info as Slack answers it: U0ADMIN is a workspace admin, anyone else a member.
    slack.answer("users.info", ({ args }) => ({
      user: { id: args.user, is_admin: args.user === "U0ADMIN", is_owner: false, is_primary_owner: false },
    }));
    const refused = (await command("digest off", "U0MEMBER")) as { response_type: string; text: string };
    expect(refused).toMatchObject({
      response_type: "ephemeral",
      text: `This channel's digest was set up by <@${USER_ID}>; only they, workspace admins and owners, or someone in DIGEST_ADMINS can change it.`,
    });
    expect((await readStore(store())).data.subscriptions).toEqual([
      expect.objectContaining({ channel: CHANNEL_ID, createdBy: USER_ID }),
    ]);
    expect(slack.calls("users.info").map((c) => c.args.user)).toEqual(["U0MEMBER"]);
    // Status stays open to them, and asks Slack nothing more.
    expect(said(await command("digest status", "U0MEMBER"))).toContain("Weekly digest for Bury");
    expect(slack.calls("users.info")).toHaveLength(1);

    expect(said(await command("digest off", "U0ADMIN"))).toContain(
      "The weekly digest for this channel is off.",
    );
    expect((await readStore(store())).data.subscriptions).toEqual([]);
    expect(slack.calls("users.info").map((c) => c.args.user)).toEqual(["U0MEMBER", "U0ADMIN"]);
    // The mention of who set the digest up is ours; nothing else in what was sent reads as markup.
    expect(capturedProblems(slack)).toEqual([]);
    slack.reset();
  });

  it("when Slack will not say the user's role, their off is refused (never allowed by default) and logged", async () => {
    await command("digest on");
    slack.fail("users.info", { error: "missing_scope" });
    const refused = said(await command("digest off", "U0STRANGER"));
    expect(refused).toContain(`This channel's digest was set up by <@${USER_ID}>`);
    expect(refused).toContain("I couldn't check your workspace role with Slack just now");
    expect((await readStore(store())).data.subscriptions).toHaveLength(1);
    expect(ombuds.log.find("warn", "users.info")).toEqual([
      expect.objectContaining({ user: "U0STRANGER", code: "missing_scope" }),
    ]);
    expect(capturedProblems(slack)).toEqual([]);
    slack.reset();
  });

  /** `@ombuds <text>` in the general channel (in `thread` if given); resolves with the mention and the bot's post. */
  async function mention(text: string, thread?: string) {
    const event = appMention({ text, ...(thread ? { thread_ts: thread } : {}) });
    await postSigned(endpoint, { ...eventCallback(event), secret: SECRET });
    return { event, post: await slack.waitFor("chat.postMessage") };
  }

  /** `<text>` in the officer's DM with the bot; resolves with the bot's post. */
  async function dm(text: string) {
    await postSigned(endpoint, { ...eventCallback(directMessage({ text })), secret: SECRET });
    return slack.waitFor("chat.postMessage");
  }

  it("a mention “digest on Bury tuesday 08:30” subscribes the channel and replies in the mention's thread", async () => {
    const { event, post } = await mention("digest on Bury tuesday 08:30");
    expect(post.args).toMatchObject({ channel: CHANNEL_ID, thread_ts: event.ts });
    expect(String(post.args.text)).toMatch(
      /^Subscribed\. Weekly digest for Bury Metropolitan Borough Council, Tuesdays at 08:30 \(Europe\/London\)\. Next digest: Tuesday 1 December/,
    );
    expect((await readStore(store())).data.subscriptions).toEqual([
      expect.objectContaining({
        channel: CHANNEL_ID,
        councils: ["Bury Metropolitan Borough Council"],
        day: 2,
        time: "08:30",
        createdBy: USER_ID,
        lastPostedAt: null,
      }),
    ]);
    // Never sent to the answers layer, which would not know a council called "digest".
    expect(said(post.args)).not.toMatch(/council called .digest/i);
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
  });

  it("a mention inside a thread is answered in that thread; status and off work on the channel's digest", async () => {
    await command("digest on Sefton friday 4pm");
    const parent = "1700000000.000100";
    const status = await mention("/ombuds digest status", parent);
    expect(status.post.args.thread_ts).toBe(parent);
    expect(String(status.post.args.text)).toMatch(
      /^Weekly digest for Sefton Metropolitan Borough Council, Fridays at 16:00/,
    );
    slack.reset();
    const off = await mention("digest off", parent);
    expect(off.post.args).toMatchObject({ channel: CHANNEL_ID, thread_ts: parent });
    expect(off.post.args.text).toBe("The weekly digest for this channel is off.");
    expect((await readStore(store())).data.subscriptions).toEqual([]);
  });

  it("a mention “digest preview” replies with the digest in the thread; “digest now” posts it in the channel", async () => {
    const preview = await mention("digest preview");
    expect(preview.post.args).toMatchObject({ channel: CHANNEL_ID, thread_ts: preview.event.ts });
    expect(said(preview.post.args.blocks)).toContain("Ombudsman digest, week of");
    expect(said(preview.post.args.blocks)).toContain("*Sefton* (2020)");
    expect((await readStore(store())).data.subscriptions).toEqual([]);

    await command("digest on");
    slack.reset();
    const now = await mention("digest now");
    expect(now.post.args.channel).toBe(CHANNEL_ID);
    expect(now.post.args.thread_ts).toBeUndefined();
    expect(said(now.post.args.blocks)).toContain("Needing attention");
    // The post is recorded just after it is made: wait for the store to say so.
    await vi.waitFor(async () =>
      expect((await readStore(store())).data.subscriptions[0]?.lastPostedAt).toBe(NOW.toISOString()),
    );
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
  });

  it("a mention with a bad day and time changes nothing and says how to type the command, escaped", async () => {
    const before = readFileSync(store(), "utf8");
    const { event, post } = await mention("digest on Bury Funday 25:00");
    expect(post.args.thread_ts).toBe(event.ts);
    const text = String(post.args.text);
    expect(text).toContain("Nothing changed");
    expect(text).toContain('"Funday" is not a day of the week');
    expect(text).toContain('"25:00" is not a time');
    expect(text).toContain("Usage: @ombuds digest on [councils…] [day] [HH:MM] [quiet]");
    expect(readFileSync(store(), "utf8")).toBe(before);

    slack.reset();
    const unknown = await mention("digest <!channel>");
    expect(String(unknown.post.args.text)).toMatch(
      /^I don't know “@ombuds digest &lt;!channel&gt;”\. Usage:/,
    );
    // capturedProblems (after each test) checks that no reply carries markup.
  });

  it("a mention “digest now” in a channel that refuses the bot tells the user by DM, and records no post", async () => {
    await command("digest on");
    // The digest, then the thread reply saying so: both refused.
    slack.fail("chat.postMessage", { error: "not_in_channel" }, { times: 2 });
    await postSigned(endpoint, { ...eventCallback(appMention({ text: "digest now" })), secret: SECRET });
    const told = await slack.waitFor(
      (r) => r.kind === "api" && r.method === "chat.postMessage" && r.args.channel === USER_ID,
    );
    expect(said(told)).toContain("I'm not a member of that channel: invite me with `/invite @ombuds`");
    expect(slack.calls("chat.postMessage")).toHaveLength(3);
    expect((await readStore(store())).data.subscriptions[0]?.lastPostedAt).toBeNull();
  });

  it("a DM “digest status” answers in the DM, and “digest on Bury” there sets up a personal digest", async () => {
    const none = await dm("digest status");
    expect(none.args.channel).toBe(DM_CHANNEL_ID);
    expect(none.args.thread_ts).toBeUndefined();
    expect(none.args.text).toBe(
      "This channel has no weekly digest. Start one with /ombuds digest on [councils] [day] [HH:MM].",
    );
    slack.reset();
    const on = await dm("digest on Bury");
    expect(on.args.channel).toBe(DM_CHANNEL_ID);
    expect(String(on.args.text)).toMatch(
      /^Subscribed\. Weekly digest for Bury Metropolitan Borough Council, Mondays at 09:00/,
    );
    expect((await readStore(store())).data.subscriptions).toEqual([
      expect.objectContaining({ channel: DM_CHANNEL_ID, councils: ["Bury Metropolitan Borough Council"] }),
    ]);
    slack.reset();
    const status = await dm("digest status");
    expect(status.args.channel).toBe(DM_CHANNEL_ID);
    expect(String(status.args.text)).toMatch(/^Weekly digest for Bury Metropolitan Borough Council/);
    // The channel's digest is another subscription, untouched by the DM's.
    expect(said(await command("digest status"))).toContain("This channel has no weekly digest");
  });

  it("a DM “digest preview” shows the personal digest, and “digest now” posts it into the DM", async () => {
    await dm("digest on Stockport");
    slack.reset();
    const preview = await dm("digest preview");
    expect(preview.args.channel).toBe(DM_CHANNEL_ID);
    expect(said(preview.args.blocks)).toContain("Stockport");
    expect(said(preview.args.blocks)).not.toContain("Sefton");
    slack.reset();
    const now = await dm("digest now");
    expect(now.args.channel).toBe(DM_CHANNEL_ID);
    expect(said(now.args.blocks)).toContain("Stockport");
    // The post is recorded just after it is made: wait for the store to say so.
    await vi.waitFor(async () =>
      expect((await readStore(store())).data.subscriptions[0]?.lastPostedAt).toBe(NOW.toISOString()),
    );
    slack.reset();
    const unknown = await dm("digest weekly");
    expect(String(unknown.args.text)).toMatch(/^I don't know “digest weekly”\. Usage: digest on/);
  });

  it("the slash command still answers a digest sub-command ephemerally, naming itself in the usage", async () => {
    const reply = (await command("digest weekly")) as { response_type: string; text: string };
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toMatch(/^I don't know “\/ombuds digest weekly”\. Usage: \/ombuds digest on/);
    expect(slack.calls("chat.postMessage")).toEqual([]);
  });

  it("a weekly run posts exactly one digest per subscribed channel through the Web API, within Block Kit's limits", async () => {
    await updateStore(store(), (data) => {
      data.subscriptions = ["C0ONE", "C0TWO"].map((channel, i) =>
        subscription({ channel, councils: i === 0 ? [] : ["Stockport Metropolitan Borough Council"] }),
      );
      return { changed: true, result: undefined };
    });
    const client = new WebClient("xoxb-test", { slackApiUrl: slack.apiUrl });
    const deps = {
      storeFile: store(),
      compose: (s: Subscription, at: Date) => ombuds.answerer.digest(s.channel, at, s),
      post: (channel: string, digest: Parameters<typeof postDigest>[2]) =>
        postDigest(client, channel, digest),
      logger: createLogger("info", new LogLines()),
      now: () => new Date("2026-11-23T09:00:10Z"),
    };
    const [first, second] = await Promise.all([
      runDueDigests({ ...deps, instance: "one" }),
      runDueDigests({ ...deps, instance: "two" }),
    ]);
    expect([...(first?.posted ?? []), ...(second?.posted ?? [])].map((p) => p.channel).sort()).toEqual([
      "C0ONE",
      "C0TWO",
    ]);
    const posts = slack.calls("chat.postMessage");
    expect(posts.map((p) => p.args.channel).sort()).toEqual(["C0ONE", "C0TWO"]);
    expect(said(posts.find((p) => p.args.channel === "C0TWO"))).toContain("Stockport");
    expect(said(posts.find((p) => p.args.channel === "C0TWO"))).not.toContain("Sefton");
    // The same slot again: nothing more.
    await runDueDigests({ ...deps, instance: "three" });
    expect(slack.calls("chat.postMessage")).toHaveLength(2);
  });

  it("a channel that refuses the digest pauses its subscription, and the App Home says so", async () => {
    await command("digest on");
    await updateStore(store(), (data) => {
      const s = data.subscriptions[0];
      if (s) s.createdAt = "2026-11-20T10:00:00.000Z";
      return { changed: true, result: undefined };
    });
    slack.fail("chat.postMessage", { error: "not_in_channel" });
    const client = new WebClient("xoxb-test", { slackApiUrl: slack.apiUrl });
    const report = await runDueDigests({
      storeFile: store(),
      compose: (s, at) => ombuds.answerer.digest(s.channel, at, s),
      post: (channel, digest) => postDigest(client, channel, digest),
      logger: createLogger("info", new LogLines()),
      now: () => new Date("2026-11-23T09:00:10Z"),
    });
    expect(report.failed).toEqual([
      { channel: CHANNEL_ID, slot: "2026-11-23T09:00:00.000Z", error: "not_in_channel", paused: true },
    ]);
    expect((await readStore(store())).data.subscriptions[0]?.paused?.reason).toBe("not_in_channel");
    await ombuds.answerer.refresh();
    await postSigned(endpoint, { ...eventCallback(appHomeOpened()), secret: SECRET });
    const publish = await slack.waitFor("views.publish");
    expect(said(publish.args.view)).toContain(
      `The weekly digest for channel ${CHANNEL_ID} is paused (not_in_channel)`,
    );
  });
});

describe("ombuds digest --send", () => {
  it("posts the digests due now, once, and exits (for an external scheduler)", async () => {
    const slack = await startSlack();
    const dir = mkdtempSync(join(tmpdir(), "ombuds-send-"));
    try {
      const store = join(dir, "db.json");
      const { ingestPaths } = await import("../../src/store/ingest.ts");
      await ingestPaths(store, ["data/letters/2020"]);
      // A slot that passed a minute ago, London time.
      await updateStore(store, (data) => {
        data.subscriptions = [dueSubscription(60_000, { channel: "C0SEND" })];
        return { changed: true, result: undefined };
      });
      const { execFile } = await import("node:child_process");
      const run = () =>
        new Promise<{ code: number; stdout: string }>((done) =>
          execFile(
            process.execPath,
            ["bin/ombuds.js", "digest", "--send"],
            {
              env: {
                ...process.env,
                OMBUDS_DB: store,
                SLACK_BOT_TOKEN: "xoxb-test",
                SLACK_API_URL: slack.apiUrl,
                LOG_LEVEL: "silent",
              },
            },
            (error, stdout) => done({ code: error ? Number(error.code) : 0, stdout }),
          ),
        );
      const first = await run();
      expect(first).toMatchObject({ code: 0 });
      expect(first.stdout).toContain("1 posted, 0 skipped, 0 failed");
      expect(slack.calls("chat.postMessage").map((c) => c.args.channel)).toEqual(["C0SEND"]);
      const again = await run();
      expect(again.stdout).toContain("0 posted, 0 skipped, 0 failed");
      expect(slack.calls("chat.postMessage")).toHaveLength(1);
      expect(capturedProblems(slack)).toEqual([]);
    } finally {
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
