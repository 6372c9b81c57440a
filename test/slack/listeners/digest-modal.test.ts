import { describe, expect, it } from "vitest";
import { councilsStartingWith } from "../../../src/answers/index.ts";
import { loadAuthorities } from "../../../src/authorities/index.ts";
import { saveSubscription } from "../../../src/digest/subscribe.ts";
import { digestCommand } from "../../../src/slack/listeners/commands/digest.ts";
import { readChoice } from "../../../src/slack/listeners/views/digest-setup.ts";
import { readStore } from "../../../src/store/store.ts";
import { DM_CHANNEL_ID, USER_ID } from "../../../testkit/slack/index.ts";
import { fakeClient, fakeDeps, NOW } from "../fakes.ts";
import { invocation } from "./invocation.ts";

const authorities = loadAuthorities();
const values = (councils: string[], day = "1", time = "09:00") => ({
  digest_councils: { digest_councils: { selected_options: councils.map((value) => ({ value })) } },
  digest_day: { digest_day: { selected_option: { value: day } } },
  digest_time: { digest_time: { selected_time: time } },
  digest_quiet: { digest_quiet: { selected_options: [] } },
});

describe("the digest's set-up modal", () => {
  it("typed in a DM, /ombuds digest opens the modal for that DM's own digest, with no channel to pick", async () => {
    const deps = fakeDeps();
    const client = fakeClient();
    const typed = invocation("digest");
    await digestCommand(deps)({ ...typed, command: { ...typed.command, channel_id: DM_CHANNEL_ID }, client });
    expect(typed.calls).toEqual([["ack"]]);
    const view = client.opened[0]?.view as { private_metadata: string; blocks: { block_id?: string }[] };
    expect(JSON.parse(view.private_metadata)).toEqual({ from: "command", channel: DM_CHANNEL_ID });
    expect(view.blocks.map((b) => b.block_id)).not.toContain("digest_channel");
  });

  it("reads what was picked, and refuses a day, a time or a channel it cannot use, naming the input", () => {
    const metadata = JSON.stringify({ from: "home", channel: "C0GENERAL" });
    expect(
      readChoice(
        { private_metadata: metadata, state: { values: values(["Bury Metropolitan Borough Council"]) } },
        authorities,
      ),
    ).toEqual({
      ok: true,
      from: "home",
      picked: false,
      choice: {
        channel: "C0GENERAL",
        councils: ["Bury Metropolitan Borough Council"],
        day: 1,
        time: "09:00",
        quiet: false,
      },
    });
    const bad = readChoice(
      { private_metadata: JSON.stringify({ from: "command" }), state: { values: values([], "9", "25:00") } },
      authorities,
    );
    expect(bad).toEqual({
      ok: false,
      errors: {
        digest_channel: "Pick the channel the digest is for.",
        digest_day: "Pick a day of the week.",
        digest_time: "Pick a time (24-hour, HH:MM).",
      },
    });
    // Metadata that is not ours (or not JSON) is an out-of-date form, not a crash.
    expect(
      readChoice({ private_metadata: "{oops", state: { values: values([]) } }, authorities),
    ).toMatchObject({ ok: false });
  });

  it("an admin's change keeps the person who set the digest up as its creator", async () => {
    const { storeFile } = fakeDeps();
    const choice = { channel: "C0GENERAL", councils: [], day: 1, time: "09:00", quiet: false, now: NOW };
    await saveSubscription(storeFile, { ...choice, user: USER_ID });
    const changed = await saveSubscription(storeFile, { ...choice, user: "U0ADMIN", day: 3 });
    expect(changed.message).toMatch(/^Updated\. Weekly digest for all councils, Wednesdays/);
    expect((await readStore(storeFile)).data.subscriptions).toEqual([
      expect.objectContaining({ createdBy: USER_ID, day: 3 }),
    ]);
  });

  it("the councils type-ahead finds names by their start, a word in them, and near spellings", () => {
    const names = (text: string) => councilsStartingWith(text, authorities, 100).map((a) => a.shortName);
    expect(names("sef")[0]).toBe("Sefton");
    expect(names("yorkshire")).toEqual(
      expect.arrayContaining(["North Yorkshire", "East Riding of Yorkshire"]),
    );
    expect(names("Seftn")).toContain("Sefton");
    expect(names("   ")).toEqual([]);
    expect(councilsStartingWith("a", authorities, 100)).toHaveLength(100);
  });
});
