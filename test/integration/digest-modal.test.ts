import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readStore } from "../../src/store/store.ts";
import {
  appHomeOpened,
  blockAction,
  blockSuggestion,
  CHANNEL_ID,
  eventCallback,
  type FakeSlack,
  postSigned,
  slashCommand,
  startSlack,
  USER_ID,
  viewSubmission,
} from "../../testkit/slack/index.ts";
import { capturedProblems, type Running, SECRET, startOmbuds } from "./app.ts";

const SEFTON = "Sefton Metropolitan Borough Council";
const OTHER = "U0MEMBER";
const said = (value: unknown) => JSON.stringify(value);

interface View {
  callback_id?: string;
  private_metadata?: string;
  blocks: { type: string; block_id?: string; element?: Record<string, unknown>; text?: { text: string } }[];
}
const elementOf = (view: View, block: string) => view.blocks.find((b) => b.block_id === block)?.element ?? {};

/** The modal's answers as Slack sends them back: what a person picked. */
function picked(councils: string[], extra: { channel?: string } = {}) {
  return {
    ...(extra.channel
      ? { digest_channel: { digest_channel: { selected_conversation: extra.channel } } }
      : {}),
    digest_councils: {
      digest_councils: {
        selected_options: councils.map((value) => ({ text: { type: "plain_text", text: value }, value })),
      },
    },
    digest_day: {
      digest_day: { selected_option: { text: { type: "plain_text", text: "Tuesday" }, value: "2" } },
    },
    digest_time: { digest_time: { selected_time: "08:30" } },
    digest_quiet: { digest_quiet: { selected_options: [{ value: "quiet" }] } },
  };
}

describe("the digest set up in a modal, and listed on App Home with Edit and Stop", () => {
  let slack: FakeSlack;
  let ombuds: Running;
  let endpoint: string;
  let dir: string;
  const send = async (request: { body: string; contentType: string }) => {
    const reply = await postSigned(endpoint, { ...request, secret: SECRET } as Parameters<
      typeof postSigned
    >[1]);
    expect(reply.status).toBe(200);
    const text = await reply.text();
    return text ? JSON.parse(text) : null;
  };
  const subscriptions = async () => (await readStore(`${dir}/db.json`)).data.subscriptions;
  const lastView = (method: string) => {
    const call = slack.calls(method).at(-1);
    if (!call) throw new Error(`no ${method} call`);
    return (call.args as { view: View }).view;
  };
  const lastOpened = () => lastView("views.open");
  const lastHome = () => lastView("views.publish");

  beforeAll(async () => {
    slack = await startSlack();
    // Not tempDir(): that is removed after each test, and this store lives through them all.
    dir = mkdtempSync(join(tmpdir(), "ombuds-digest-modal-"));
    ombuds = await startOmbuds(slack, "http", dir);
    endpoint = `http://127.0.0.1:${ombuds.port}/slack/events`;
    slack.answer("users.info", ({ args }) => ({
      user: { id: args.user, is_admin: false, is_owner: false, is_primary_owner: false },
    }));
  });
  afterEach(() => {
    expect(capturedProblems(slack)).toEqual([]);
  });
  afterAll(async () => {
    await ombuds?.stop();
    await slack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("/ombuds digest with nothing after it opens the set-up modal for the channel it was typed in", async () => {
    const command = slashCommand({ text: "digest", trigger_id: "trigger-1" });
    expect(await send(command)).toBeNull();
    const opened = await slack.waitFor("views.open");
    expect(opened.args.trigger_id).toBe("trigger-1");
    const view = (opened.args as { view: View }).view;
    expect(view.callback_id).toBe("digest_setup");
    expect(elementOf(view, "digest_channel")).toMatchObject({
      type: "conversations_select",
      initial_conversation: CHANNEL_ID,
      response_url_enabled: true,
    });
    expect(elementOf(view, "digest_councils")).toMatchObject({ type: "multi_external_select" });
    expect(elementOf(view, "digest_time")).toMatchObject({ type: "timepicker", initial_time: "09:00" });
  });

  it("the councils select finds councils as the name is typed, misspelt too", async () => {
    const found = await send(
      blockSuggestion({ action_id: "digest_councils", block_id: "digest_councils", value: "sef" }),
    );
    expect(found.options[0]).toEqual({
      text: { type: "plain_text", text: "Sefton (metropolitan borough)", emoji: false },
      value: SEFTON,
    });
    const typo = await send(
      blockSuggestion({ action_id: "digest_councils", block_id: "digest_councils", value: "Seftn" }),
    );
    expect(typo.options.map((o: { value: string }) => o.value)).toContain(SEFTON);
  });

  it("a council that is not in the list is shown under its input, and nothing is saved", async () => {
    const reply = await send(
      viewSubmission({
        callback_id: "digest_setup",
        private_metadata: JSON.stringify({ from: "command" }),
        values: picked(["Narnia <!channel>"], { channel: CHANNEL_ID }),
      }),
    );
    expect(reply.response_action).toBe("errors");
    expect(Object.keys(reply.errors)).toEqual(["digest_councils"]);
    expect(await subscriptions()).toEqual([]);
  });

  it("saving stores the digest as picked and tells the person, privately, in the channel", async () => {
    const reply = await send(
      viewSubmission({
        callback_id: "digest_setup",
        private_metadata: JSON.stringify({ from: "command" }),
        values: picked([SEFTON], { channel: CHANNEL_ID }),
        response_urls: [
          {
            block_id: "digest_channel",
            action_id: "digest_channel",
            channel_id: CHANNEL_ID,
            response_url: slack.responseUrl("saved"),
          },
        ],
      }),
    );
    expect(reply).toBeNull();
    expect(await subscriptions()).toEqual([
      expect.objectContaining({
        channel: CHANNEL_ID,
        councils: [SEFTON],
        day: 2,
        time: "08:30",
        quiet: true,
        createdBy: USER_ID,
      }),
    ]);
    const confirmation = (await slack.waitForResponse("saved")).body as {
      response_type: string;
      text: string;
    };
    expect(confirmation.response_type).toBe("ephemeral");
    expect(confirmation.text).toMatch(
      /^Subscribed\. Weekly digest for Sefton Metropolitan Borough Council, Tuesdays at 08:30/,
    );
    expect(confirmation.text).toContain("/invite @ombuds");
  });

  it("App Home lists the digest with Edit and Stop; Edit opens the modal as the digest is", async () => {
    await send(eventCallback(appHomeOpened({ user: USER_ID })));
    await vi.waitFor(() => expect(slack.calls("views.publish").length).toBeGreaterThan(0));
    const home = lastHome();
    expect(said(home)).toContain(
      `<#${CHANNEL_ID}>: Weekly digest for Sefton Metropolitan Borough Council, Tuesdays at 08:30`,
    );
    const buttons = home.blocks.flatMap(
      (b) => (b as { elements?: { action_id: string; value?: string }[] }).elements ?? [],
    );
    expect(buttons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action_id: "digest_edit", value: CHANNEL_ID }),
        expect.objectContaining({ action_id: "digest_stop", value: CHANNEL_ID }),
        expect.objectContaining({ action_id: "digest_add" }),
      ]),
    );

    const before = slack.calls("views.open").length;
    await send(
      blockAction({
        action_id: "digest_edit",
        value: CHANNEL_ID,
        container: { type: "view", view_id: "VHOME" },
      }),
    );
    await vi.waitFor(() => expect(slack.calls("views.open").length).toBe(before + 1));
    const edit = lastOpened();
    expect(JSON.parse(edit.private_metadata ?? "{}")).toEqual({ from: "home", channel: CHANNEL_ID });
    expect(elementOf(edit, "digest_councils")).toMatchObject({
      initial_options: [{ text: { type: "plain_text", text: "Sefton", emoji: false }, value: SEFTON }],
    });
    expect(elementOf(edit, "digest_day")).toMatchObject({ initial_option: { value: "2" } });
    expect(elementOf(edit, "digest_time")).toMatchObject({ initial_time: "08:30" });
    expect(elementOf(edit, "digest_quiet")).toMatchObject({ initial_options: [{ value: "quiet" }] });
  });

  it("someone else's Stop or change is refused politely, and the digest is kept", async () => {
    const before = slack.calls("views.open").length;
    await send(
      blockAction({
        action_id: "digest_stop",
        value: CHANNEL_ID,
        user: OTHER,
        container: { type: "view", view_id: "VHOME" },
      }),
    );
    await vi.waitFor(() => expect(slack.calls("views.open").length).toBe(before + 1));
    expect(said(lastOpened())).toContain(
      `This channel's digest was set up by <@${USER_ID}>; only they, workspace admins`,
    );
    expect(await subscriptions()).toHaveLength(1);

    const reply = await send(
      viewSubmission({
        callback_id: "digest_setup",
        user: OTHER,
        private_metadata: JSON.stringify({ from: "home", channel: CHANNEL_ID }),
        values: picked([]),
      }),
    );
    expect(reply.response_action).toBe("errors");
    expect(reply.errors.digest_day).toMatch(/^Someone else set up this channel's digest/);
    expect((await subscriptions())[0]?.councils).toEqual([SEFTON]);
  });

  it("the creator's Stop ends the digest and App Home is published again without it", async () => {
    const published = slack.calls("views.publish").length;
    await send(
      blockAction({
        action_id: "digest_stop",
        value: CHANNEL_ID,
        container: { type: "view", view_id: "VHOME" },
      }),
    );
    await vi.waitFor(() => expect(slack.calls("views.publish").length).toBe(published + 1));
    expect(await subscriptions()).toEqual([]);
    expect(said(lastHome())).toContain("No channel has a weekly digest yet.");
  });
});
