import { describe, expect, it } from "vitest";
import { appMention } from "../../../src/slack/listeners/events/app-mention.ts";
import { digestMessage } from "../../../src/slack/render/index.ts";
import { readStore } from "../../../src/store/store.ts";
import {
  BOT_ID,
  BOT_USER_ID,
  CHANNEL_ID,
  appMention as mentionEvent,
  USER_ID,
} from "../../../testkit/slack/index.ts";
import { answerTo, DIGEST, fakeAnswerer, fakeClient, fakeDeps, NOW } from "../fakes.ts";

const context = { botUserId: BOT_USER_ID };

describe("appMention", () => {
  it("answers the question in a thread on the mention, with the answer's text and blocks and no share button", async () => {
    const deps = fakeDeps();
    const client = fakeClient();
    const event = mentionEvent({ text: "how is Sefton doing?" });
    await appMention(deps)({ event, client, context });
    expect(client.posted).toEqual([
      { channel: CHANNEL_ID, thread_ts: event.ts, ...answerTo(`<@${BOT_USER_ID}> how is Sefton doing?`) },
    ]);
    expect(deps.answerer).toMatchObject({
      answered: [{ question: `<@${BOT_USER_ID}> how is Sefton doing?`, share: false, now: NOW }],
    });
  });

  it("a mention inside a thread is answered in that thread", async () => {
    const client = fakeClient();
    const event = mentionEvent({ text: "Bury", thread_ts: "1700000000.000100" });
    await appMention(fakeDeps())({ event, client, context });
    expect(client.posted.map((p) => p.thread_ts)).toEqual(["1700000000.000100"]);
  });

  it("never answers a bot, this bot included, nor an edited or otherwise typed mention", async () => {
    const answerer = fakeAnswerer();
    const client = fakeClient();
    const handle = appMention(fakeDeps(answerer));
    await handle({ event: { ...mentionEvent({ text: "Bury" }), bot_id: BOT_ID }, client, context });
    await handle({ event: mentionEvent({ text: "Bury", user: BOT_USER_ID }), client, context });
    await handle({
      event: { ...mentionEvent({ text: "Bury" }), subtype: "message_changed" },
      client,
      context,
    });
    expect(answerer.answered).toEqual([]);
    expect(client.posted).toEqual([]);
  });

  it("“digest …” is the channel's digest sub-command, answered in the thread and named as typed in a mention", async () => {
    const deps = fakeDeps();
    const client = fakeClient();
    const event = mentionEvent({ text: "digest on Bury tuesday 08:30" });
    await appMention(deps)({ event, client, context });
    await appMention(deps)({ event: mentionEvent({ text: "digest weekly" }), client, context });
    expect((await readStore(deps.storeFile)).data.subscriptions).toEqual([
      expect.objectContaining({ channel: CHANNEL_ID, createdBy: USER_ID, day: 2, time: "08:30" }),
    ]);
    expect(client.posted[0]).toMatchObject({ channel: CHANNEL_ID, thread_ts: event.ts });
    expect(String(client.posted[0]?.text)).toMatch(/^Subscribed\. Weekly digest for Bury/);
    expect(String(client.posted[1]?.text)).toMatch(
      /^I don't know “@ombuds digest weekly”\. Usage: @ombuds digest on/,
    );
    expect(deps.answerer).toMatchObject({ answered: [] });
  });

  it("“digest now” posts the digest in the channel itself, not in the thread", async () => {
    const deps = fakeDeps();
    const client = fakeClient();
    await appMention(deps)({ event: mentionEvent({ text: "digest now" }), client, context });
    expect(client.posted).toEqual([{ channel: CHANNEL_ID, ...digestMessage(DIGEST) }]);
  });

  it.each([
    ["not_in_channel", "I'm not a member of that channel: invite me with `/invite @ombuds`"],
    ["is_archived", "that channel is archived"],
    ["channel_not_found", "I can't see that channel (it may be private: invite me to it)"],
    ["restricted_action", "Slack refused the message (restricted_action)"],
  ])(
    "a channel that refuses the answer for good (%s) is reported to the user by DM, and logged as a warning",
    async (code, why) => {
      const deps = fakeDeps();
      const client = fakeClient((args) => (args.channel === CHANNEL_ID ? code : undefined));
      await appMention(deps)({ event: mentionEvent({ text: "Bury" }), client, context });
      expect(client.posted.map((p) => p.channel)).toEqual([CHANNEL_ID, USER_ID]);
      expect(client.posted[1]?.text).toBe(
        `I couldn't post my answer there: ${why}. You can also ask me here, or use /ombuds anywhere.`,
      );
      expect(deps.log.find("warn", "cannot post the answer")).toMatchObject([
        { code, listener: "mention", user: USER_ID, channel: CHANNEL_ID },
      ]);
      expect(deps.log.find("error", "")).toEqual([]);
    },
  );

  it("any other failure gets an apology in the thread with a reference the log has, and does not escape", async () => {
    const deps = fakeDeps(
      fakeAnswerer({
        answer: async () => {
          throw new Error("the answering thread died");
        },
      }),
    );
    const client = fakeClient();
    const event = mentionEvent({ text: "Bury" });
    await appMention(deps)({ event, client, context });
    const [logged] = deps.log.find("error", "listener failed");
    expect(logged).toMatchObject({ listener: "mention", err: { message: "the answering thread died" } });
    expect(client.posted).toHaveLength(1);
    expect(client.posted[0]).toMatchObject({ channel: CHANNEL_ID, thread_ts: event.ts });
    expect(client.posted[0]?.text).toContain(`Reference: ${logged?.ref}`);
  });

  it("a transient Slack failure is not mistaken for a refusal: the user gets the apology, not the DM", async () => {
    const deps = fakeDeps();
    const client = fakeClient((args) =>
      String(args.text).startsWith("Answer") ? "internal_error" : undefined,
    );
    await appMention(deps)({ event: mentionEvent({ text: "Bury" }), client, context });
    expect(client.posted.map((p) => p.channel)).toEqual([CHANNEL_ID, CHANNEL_ID]);
    expect(client.posted[1]?.text).toMatch(/^Sorry, something went wrong answering that\. Reference: /);
  });
});
