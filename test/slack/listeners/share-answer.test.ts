import { describe, expect, it } from "vitest";
import { shareAnswer } from "../../../src/slack/listeners/actions/share-answer.ts";
import { shareValue } from "../../../src/slack/render/index.ts";
import { CHANNEL_ID, USER_ID } from "../../../testkit/slack/index.ts";
import { fakeAnswerer, fakeDeps, NOW } from "../fakes.ts";
import { invocation } from "./invocation.ts";

/** A click on "Share in channel" by `name`, on the answer to `value`'s question. */
function click(value: string | undefined, name = "officer") {
  const { calls, ack, respond } = invocation("");
  return {
    calls,
    args: {
      ack,
      respond,
      body: {
        user: { id: USER_ID, username: "officer", name, team_id: "T0OMBUDS" },
        channel: { id: CHANNEL_ID, name: "general" },
        response_url: "https://hooks.slack.test/actions/1",
      },
      action: value === undefined ? {} : { value },
    },
  };
}

describe("shareAnswer", () => {
  it("acknowledges, then has the answer as shown posted for everyone, with a mention of who shared it", async () => {
    const answerer = fakeAnswerer();
    const { calls, args } = click(shareValue("compare Bury and Sefton", "shown-1"));
    await shareAnswer(fakeDeps(answerer))(args);
    expect(calls).toEqual([["ack"]]);
    expect(answerer.shared).toEqual([
      {
        id: "shown-1",
        question: "compare Bury and Sefton",
        target: {
          responseUrl: "https://hooks.slack.test/actions/1",
          responseType: "in_channel",
          share: false,
          sharedBy: `<@${USER_ID}>`,
          now: NOW,
        },
      },
    ]);
  });

  it("a button from before answers were kept (no id) shares the answer computed again", async () => {
    const answerer = fakeAnswerer();
    await shareAnswer(fakeDeps(answerer))(click(shareValue("Bury")).args);
    expect(answerer.shared[0]).toMatchObject({ id: undefined, question: "Bury" });
  });

  it("a user id that is not one is never put in a mention: the name is shown, escaped", async () => {
    const answerer = fakeAnswerer();
    const { args } = click(shareValue("Bury"), "<!channel> & co");
    args.body.user.id = "<!channel>";
    await shareAnswer(fakeDeps(answerer))(args);
    expect(answerer.shared[0]?.target.sharedBy).toBe("&lt;!channel&gt; &amp; co");
  });

  it.each([
    ["no value", undefined],
    ["a value that is not JSON", "Bury"],
    ["a question longer than a share button holds", JSON.stringify({ q: "x".repeat(2001) })],
  ])(
    "%s gets an ephemeral apology that leaves the answer in place, and shares nothing",
    async (_what, value) => {
      const answerer = fakeAnswerer();
      const deps = fakeDeps(answerer);
      const { calls, args } = click(value);
      await shareAnswer(deps)(args);
      const [logged] = deps.log.find("error", "listener failed");
      expect(logged).toMatchObject({ listener: "share", user: USER_ID, channel: CHANNEL_ID });
      expect(calls).toEqual([
        ["ack"],
        [
          "respond",
          expect.objectContaining({
            response_type: "ephemeral",
            replace_original: false,
            text: expect.stringContaining(`Reference: ${logged?.ref}`),
          }),
        ],
      ]);
      expect(answerer.responded).toEqual([]);
    },
  );
});
