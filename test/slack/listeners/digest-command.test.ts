import { describe, expect, it } from "vitest";
import { PostFailure } from "../../../src/digest/post-failure.ts";
import { digestCommand, slashSurface } from "../../../src/slack/listeners/commands/digest.ts";
import { digestMessage } from "../../../src/slack/render/index.ts";
import { readStore } from "../../../src/store/store.ts";
import { CHANNEL_ID, USER_ID } from "../../../testkit/slack/index.ts";
import { DIGEST, fakeAnswerer, fakeClient, fakeDeps } from "../fakes.ts";
import { invocation } from "./invocation.ts";

describe("digestCommand", () => {
  it("acknowledges, manages the command's channel's digest, and replies ephemerally naming the slash command", async () => {
    const deps = fakeDeps();
    const client = fakeClient();
    const on = invocation("digest on Sefton friday 4pm");
    await digestCommand(deps)({ ...on, client });
    expect((await readStore(deps.storeFile)).data.subscriptions).toEqual([
      expect.objectContaining({ channel: CHANNEL_ID, createdBy: USER_ID, day: 5, time: "16:00" }),
    ]);
    expect(on.calls).toEqual([
      ["ack"],
      [
        "respond",
        { response_type: "ephemeral", text: expect.stringMatching(/^Subscribed\. Weekly digest for Sefton/) },
      ],
    ]);
    const unknown = invocation("digest weekly");
    await digestCommand(deps)({ ...unknown, client });
    expect(unknown.calls[1]).toEqual([
      "respond",
      {
        response_type: "ephemeral",
        text: expect.stringMatching(/^I don't know “\/ombuds digest weekly”\. Usage: \/ombuds digest on/),
      },
    ]);
    expect(client.posted).toEqual([]);
  });

  it("“now” posts the digest in the command's channel for everyone, and replies nothing more", async () => {
    const answerer = fakeAnswerer();
    const client = fakeClient();
    const now = invocation("digest now");
    await digestCommand(fakeDeps(answerer))({ ...now, client });
    expect(answerer.digests).toEqual([CHANNEL_ID]);
    expect(client.posted).toEqual([{ channel: CHANNEL_ID, ...digestMessage(DIGEST) }]);
    expect(now.calls).toEqual([["ack"]]);
  });

  it("“now” in a channel that will not take the bot says how to fix it, ephemerally", async () => {
    const now = invocation("digest now");
    await digestCommand(fakeDeps())({ ...now, client: fakeClient(() => "not_in_channel") });
    expect(now.calls[1]).toEqual([
      "respond",
      {
        response_type: "ephemeral",
        text: "I couldn't post the digest here (not_in_channel): invite me to the channel with /invite @ombuds.",
      },
    ]);
  });

  it("a failure gets an ephemeral apology with the reference the log has", async () => {
    const deps = fakeDeps();
    const now = invocation("digest now");
    await digestCommand(deps)({ ...now, client: fakeClient(() => "internal_error") });
    const [logged] = deps.log.find("error", "listener failed");
    expect(logged).toMatchObject({ listener: "command", command: "digest", err: { code: "internal_error" } });
    expect(now.calls[1]).toEqual([
      "respond",
      expect.objectContaining({
        response_type: "ephemeral",
        text: expect.stringContaining(`Reference: ${logged?.ref}`),
      }),
    ]);
  });

  it("another user's off is refused ephemerally unless Slack says they are an admin, read through the command's client", async () => {
    const deps = fakeDeps();
    await digestCommand(deps)({ ...invocation("digest on Bury"), client: fakeClient() });
    const client = fakeClient(undefined, (user) => (user === "U0ADMIN" ? { is_owner: true } : {}));
    const other = invocation("digest off");
    other.command.user_id = "U0MEMBER";
    await digestCommand(deps)({ ...other, client });
    expect(other.calls[1]).toEqual([
      "respond",
      {
        response_type: "ephemeral",
        text: `This channel's digest was set up by <@${USER_ID}>; only they, workspace admins and owners, or someone in DIGEST_ADMINS can change it.`,
      },
    ]);
    expect((await readStore(deps.storeFile)).data.subscriptions).toHaveLength(1);
    const owner = invocation("digest off");
    owner.command.user_id = "U0ADMIN";
    await digestCommand(deps)({ ...owner, client });
    expect(owner.calls[1]).toEqual([
      "respond",
      { response_type: "ephemeral", text: "The weekly digest for this channel is off." },
    ]);
    expect((await readStore(deps.storeFile)).data.subscriptions).toEqual([]);
    expect(client.usersAsked).toEqual(["U0MEMBER", "U0ADMIN"]);
  });

  it("someone in DIGEST_ADMINS may turn off another's digest without Slack being asked", async () => {
    const deps = { ...fakeDeps(), digestAdmins: ["U0HELPER"] };
    await digestCommand(deps)({ ...invocation("digest on Bury"), client: fakeClient() });
    const client = fakeClient();
    const helper = invocation("digest off");
    helper.command.user_id = "U0HELPER";
    await digestCommand(deps)({ ...helper, client });
    expect(helper.calls[1]?.[1]).toMatchObject({ text: "The weekly digest for this channel is off." });
    expect(client.usersAsked).toEqual([]);
  });

  it("leaves questions alone, unacknowledged, for the ombuds command", async () => {
    const deps = fakeDeps();
    const question = invocation("what is the digest?");
    await digestCommand(deps)({ ...question, client: fakeClient() });
    expect(question.calls).toEqual([]);
    expect(deps.answerer).toMatchObject({ digests: [] });
  });
});

describe("slashSurface", () => {
  it("replies ephemerally through respond, and posts the digest into the command's channel, failing as the digest reads failures", async () => {
    const { calls, respond } = invocation("digest now");
    const client = fakeClient((args) => (args.channel === "C0GONE" ? "channel_not_found" : undefined));
    const surface = slashSurface(client, CHANNEL_ID, respond);
    expect(surface.typed).toBe("/ombuds digest");
    await surface.reply({ text: "Subscribed." });
    expect(calls).toEqual([["respond", { response_type: "ephemeral", text: "Subscribed." }]]);
    expect(await surface.post(DIGEST)).toEqual({ ts: "1700000000.000001" });
    expect(client.posted).toEqual([{ channel: CHANNEL_ID, ...digestMessage(DIGEST) }]);
    const refused = slashSurface(client, "C0GONE", respond).post(DIGEST);
    await expect(refused).rejects.toBeInstanceOf(PostFailure);
    await expect(refused).rejects.toMatchObject({ code: "channel_not_found", permanent: true });
  });
});
