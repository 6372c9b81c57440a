import { describe, expect, it } from "vitest";
import { digestCommand } from "../../../src/slack/listeners/commands/digest.ts";
import { ombudsCommand } from "../../../src/slack/listeners/commands/ombuds.ts";
import { fakeAnswerer, fakeClient, fakeDeps, NOW } from "../fakes.ts";
import { invocation } from "./invocation.ts";

describe("ombudsCommand", () => {
  it("acknowledges first, then has the answerer post the answer ephemerally to the response URL, shareable", async () => {
    const call = invocation("compare Bury Sefton");
    const answerer = fakeAnswerer({
      // In the order of the listener's calls: the answerer posts the answer itself, as the response.
      respond: async (question, target) => {
        call.calls.push(["respond", { text: `answerer: ${question}` }]);
        answerer.responded.push({ question, target });
        return {};
      },
    });
    await ombudsCommand(fakeDeps(answerer))(call);
    expect(call.calls).toEqual([["ack"], ["respond", { text: "answerer: compare Bury Sefton" }]]);
    expect(answerer.responded).toEqual([
      {
        question: "compare Bury Sefton",
        target: {
          responseUrl: "https://hooks.slack.test/commands/1",
          responseType: "ephemeral",
          share: true,
          now: NOW,
        },
      },
    ]);
  });

  it("leaves “digest …” alone, unacknowledged, for the digest command", async () => {
    const answerer = fakeAnswerer();
    const call = invocation("digest status");
    await ombudsCommand(fakeDeps(answerer))(call);
    expect(call.calls).toEqual([]);
    expect(answerer.responded).toEqual([]);
  });

  it("a failure to answer gets an ephemeral apology with the reference the log has", async () => {
    const deps = fakeDeps(
      fakeAnswerer({
        respond: async () => {
          throw new Error("the response URL refused the answer: HTTP 404");
        },
      }),
    );
    const call = invocation("Bury");
    await ombudsCommand(deps)(call);
    const [logged] = deps.log.find("error", "listener failed");
    expect(logged).toMatchObject({
      listener: "command",
      user: call.command.user_id,
      channel: call.command.channel_id,
    });
    expect(call.calls).toEqual([
      ["ack"],
      [
        "respond",
        expect.objectContaining({
          response_type: "ephemeral",
          text: expect.stringContaining(`Reference: ${logged?.ref}`),
        }),
      ],
    ]);
  });
});

describe("the two /ombuds listeners", () => {
  it.each([
    "",
    "Bury",
    "help",
    "digest",
    "digest now",
    "  DIGEST off",
    "ombuds digest status",
    "digested complaints in Bury",
    "what is the digest?",
  ])("exactly one of them acknowledges %j", async (text) => {
    const deps = fakeDeps();
    const call = invocation(text);
    await Promise.all([ombudsCommand(deps)(call), digestCommand(deps)({ ...call, client: fakeClient() })]);
    expect(call.calls.filter(([what]) => what === "ack")).toHaveLength(1);
  });
});
