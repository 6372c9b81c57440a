import { describe, expect, it } from "vitest";
import { directMessage } from "../../../src/slack/listeners/events/direct-message.ts";
import { digestMessage } from "../../../src/slack/render/index.ts";
import { readStore } from "../../../src/store/store.ts";
import {
  BOT_ID,
  BOT_USER_ID,
  DM_CHANNEL_ID,
  directMessage as dmEvent,
  USER_ID,
} from "../../../testkit/slack/index.ts";
import { answerTo, DIGEST, fakeAnswerer, fakeClient, fakeDeps, NOW } from "../fakes.ts";

const context = { botUserId: BOT_USER_ID };
/** A person's plain message in the bot's DM, as Bolt hands it over (no subtype). */
const message = (text: string) => ({ ...dmEvent({ text }), subtype: undefined });

describe("directMessage", () => {
  it("answers a question in the DM itself, not in a thread", async () => {
    const deps = fakeDeps();
    const client = fakeClient();
    await directMessage(deps)({ message: message("Sefton"), client, context });
    expect(client.posted).toEqual([{ channel: DM_CHANNEL_ID, ...answerTo("Sefton") }]);
    expect(deps.answerer).toMatchObject({ answered: [{ question: "Sefton", share: false, now: NOW }] });
  });

  it("answers only a person's plain message in a DM: not a channel's, an edit's, a bot's or its own", async () => {
    const answerer = fakeAnswerer();
    const client = fakeClient();
    const handle = directMessage(fakeDeps(answerer));
    await handle({ message: { ...message("Bury"), channel_type: "channel" }, client, context });
    await handle({ message: { ...message("Bury"), bot_id: BOT_ID }, client, context });
    await handle({ message: { ...message("Bury"), user: BOT_USER_ID }, client, context });
    await handle({
      message: {
        type: "message",
        subtype: "message_changed",
        channel: DM_CHANNEL_ID,
        channel_type: "im",
        ts: "1700000000.000200",
        event_ts: "1700000000.000200",
        hidden: true,
        message: { ...message("Bury"), type: "message" },
        previous_message: { ...message("Bur"), type: "message" },
      },
      client,
      context,
    });
    expect(answerer.answered).toEqual([]);
    expect(client.posted).toEqual([]);
  });

  it("“digest on …” sets up the user's own digest for the DM, and the usage names it as typed in a DM", async () => {
    const deps = fakeDeps();
    const client = fakeClient();
    await directMessage(deps)({ message: message("digest on Stockport"), client, context });
    await directMessage(deps)({ message: message("digest weekly"), client, context });
    expect((await readStore(deps.storeFile)).data.subscriptions).toEqual([
      expect.objectContaining({ channel: DM_CHANNEL_ID, createdBy: USER_ID }),
    ]);
    expect(client.posted.map((p) => p.channel)).toEqual([DM_CHANNEL_ID, DM_CHANNEL_ID]);
    expect(String(client.posted[0]?.text)).toMatch(/^Subscribed\. Weekly digest for Stockport/);
    expect(String(client.posted[1]?.text)).toMatch(/^I don't know “digest weekly”\. Usage: digest on/);
  });

  it("“digest now” posts the personal digest into the DM and records the post", async () => {
    const deps = fakeDeps();
    const client = fakeClient();
    await directMessage(deps)({ message: message("digest on"), client, context });
    await directMessage(deps)({ message: message("digest now"), client, context });
    expect(client.posted[1]).toEqual({ channel: DM_CHANNEL_ID, ...digestMessage(DIGEST) });
    expect((await readStore(deps.storeFile)).data.subscriptions[0]?.lastPostedAt).toBe(NOW.toISOString());
  });

  it("a failure gets an apology in the DM with the reference the log has", async () => {
    const deps = fakeDeps(
      fakeAnswerer({
        answer: async () => {
          throw new Error("no store");
        },
      }),
    );
    const client = fakeClient();
    await directMessage(deps)({ message: message("Bury"), client, context });
    const [logged] = deps.log.find("error", "listener failed");
    expect(logged).toMatchObject({ listener: "dm", user: USER_ID, channel: DM_CHANNEL_ID });
    expect(client.posted).toEqual([
      expect.objectContaining({
        channel: DM_CHANNEL_ID,
        text: expect.stringContaining(`Reference: ${logged?.ref}`),
      }),
    ]);
  });
});
