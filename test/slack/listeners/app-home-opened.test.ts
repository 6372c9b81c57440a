import { describe, expect, it } from "vitest";
import { appHomeOpened } from "../../../src/slack/listeners/events/app-home-opened.ts";
import { appHomeOpened as homeEvent, USER_ID } from "../../../testkit/slack/index.ts";
import { fakeAnswerer, fakeClient, fakeDeps, HOME } from "../fakes.ts";

/** The event as Slack sends it the first time a tab is opened, before the app has published a view. */
function opened(tab: "home" | "messages" = "home") {
  const { view, ...event } = homeEvent({ tab });
  return event;
}

describe("appHomeOpened", () => {
  it("publishes the answerer's App Home view to the user who opened the tab", async () => {
    const client = fakeClient();
    await appHomeOpened(fakeDeps())({ event: opened(), client });
    expect(client.published).toEqual([{ user_id: USER_ID, view: HOME }]);
  });

  it("publishes nothing when the Messages tab is opened", async () => {
    const answerer = fakeAnswerer({
      home: async () => {
        throw new Error("the App Home was asked for");
      },
    });
    const deps = fakeDeps(answerer);
    const client = fakeClient();
    await appHomeOpened(deps)({ event: opened("messages"), client });
    expect(client.published).toEqual([]);
    expect(deps.log.lines).toEqual([]);
  });

  it("a failure is logged with a reference and goes no further: there is no conversation to apologise in", async () => {
    const deps = fakeDeps(
      fakeAnswerer({
        home: async () => {
          throw new Error("the answering thread died");
        },
      }),
    );
    const client = fakeClient();
    await appHomeOpened(deps)({ event: opened(), client });
    expect(deps.log.find("error", "listener failed")).toMatchObject([
      { listener: "home", user: USER_ID, ref: expect.stringMatching(/^[0-9A-F]{6}$/) },
    ]);
    expect(client.published).toEqual([]);
    expect(client.posted).toEqual([]);
  });
});
