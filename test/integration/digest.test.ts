import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runDueDigests } from "../../src/digest/run.ts";
import { createLogger } from "../../src/log.ts";
import { postDigest } from "../../src/slack/digest.ts";
import type { Subscription } from "../../src/store/schema.ts";
import { readStore, updateStore } from "../../src/store/store.ts";
import { subscription } from "../fixtures/subscriptions.ts";
import {
  appHomeOpened,
  CHANNEL_ID,
  eventCallback,
  type FakeSlack,
  postSigned,
  slashCommand,
  startSlack,
} from "../support/slack/index.ts";
import { capturedProblems, LogLines, NOW, type Running, SECRET, startOmbuds } from "./app.ts";

const said = (message: unknown) => JSON.stringify(message);

describe("the weekly digest in Slack", () => {
  let slack: FakeSlack;
  let ombuds: Running;
  let dir: string;
  let endpoint: string;
  let n = 0;
  const store = () => join(dir, "db.json");

  /** `/ombuds <text>` in the general channel; resolves with the response posted to its response URL. */
  async function command(text: string): Promise<unknown> {
    const id = `digest-${n++}`;
    await postSigned(endpoint, {
      ...slashCommand({ text, response_url: slack.responseUrl(id) }),
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
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await readStore(store())).data.subscriptions[0]?.lastPostedAt).toBe(NOW.toISOString());
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
      const past = new Date(Date.now() - 60_000);
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat("en-GB", {
          timeZone: "Europe/London",
          weekday: "short",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
        })
          .formatToParts(past)
          .map((p) => [p.type, p.value]),
      );
      const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday as string);
      await updateStore(store, (data) => {
        data.subscriptions = [
          subscription({
            channel: "C0SEND",
            day,
            time: `${parts.hour}:${parts.minute}`,
            createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          }),
        ];
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
