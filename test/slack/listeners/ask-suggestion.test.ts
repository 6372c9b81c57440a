import { describe, expect, it } from "vitest";
import { askSuggestion } from "../../../src/slack/listeners/actions/ask-suggestion.ts";
import { shareValue } from "../../../src/slack/render/index.ts";
import { CHANNEL_ID, USER_ID } from "../../../testkit/slack/index.ts";
import { fakeAnswerer, fakeDeps, NOW } from "../fakes.ts";
import { invocation } from "./invocation.ts";

/** A click on the suggestion button whose value is `value`. */
function click(value: string | undefined) {
  const { calls, ack, respond } = invocation("");
  return {
    calls,
    args: {
      ack,
      respond,
      body: {
        user: { id: USER_ID, username: "officer", name: "officer", team_id: "T0OMBUDS" },
        channel: { id: CHANNEL_ID, name: "general" },
        response_url: "https://hooks.slack.test/actions/2",
      },
      action: value === undefined ? {} : { value },
    },
  };
}

describe("askSuggestion", () => {
  it("acknowledges, then asks the suggested question: answered privately with its own Share button", async () => {
    const answerer = fakeAnswerer();
    const { calls, args } = click(shareValue("how does Sefton compare with similar councils?"));
    await askSuggestion(fakeDeps(answerer))(args);
    expect(calls).toEqual([["ack"]]);
    expect(answerer.responded).toEqual([
      {
        question: "how does Sefton compare with similar councils?",
        target: {
          responseUrl: "https://hooks.slack.test/actions/2",
          responseType: "ephemeral",
          share: true,
          now: NOW,
        },
      },
    ]);
  });

  it.each([
    ["no value", undefined],
    ["a value that is not JSON", "Sefton"],
    ["an empty question", JSON.stringify({ q: "" })],
  ])("%s gets an ephemeral apology and asks nothing", async (_what, value) => {
    const answerer = fakeAnswerer();
    const deps = fakeDeps(answerer);
    const { calls, args } = click(value);
    await askSuggestion(deps)(args);
    expect(answerer.responded).toEqual([]);
    expect(deps.log.find("error", "listener failed")[0]).toMatchObject({ listener: "suggestion" });
    expect(calls[1]?.[0]).toBe("respond");
  });
});
