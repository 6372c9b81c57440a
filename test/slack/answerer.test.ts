import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openStore } from "../../src/answers/open-store.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { createLogger } from "../../src/log.ts";
import { type Answerer, localAnswerer } from "../../src/slack/answerer/answerer.ts";
import { ingestInThread, limitsFor, startAnswererThread } from "../../src/slack/answerer/thread.ts";
import type { Message } from "../../src/slack/render/index.ts";
import { ingestPaths } from "../../src/store/ingest.ts";
import { StoreError } from "../../src/store/store.ts";
import { type FakeSlack, startSlack, UNREACHABLE_RESPONSE_URL } from "../../testkit/slack/index.ts";
import { LogLines } from "../support/log.ts";
import { SAMPLES, sampleFolder, tempDir } from "../support/tmp.ts";

const NOW = new Date("2026-11-25T12:00:00Z");
const QUESTIONS = [
  "Sefton",
  "who had concerns raised?",
  "compare Bury and Sefton",
  "which councils have the highest upheld rate?",
  "Seftn upheld",
  "<!channel> what do you hold?",
];

describe("the answering thread", () => {
  let store: string;
  let thread: Answerer;
  let local: Answerer;
  let slack: FakeSlack;

  beforeAll(async () => {
    store = join(tempDir(), "db.json");
    await ingestPaths(store, [SAMPLES]);
    thread = await startAnswererThread({ storeFile: store, logger: createLogger("info", new LogLines()) });
    local = localAnswerer(await openStore(store), loadAuthorities());
    slack = await startSlack();
  });
  afterAll(async () => {
    await thread?.close();
    await slack?.close();
  });

  it("answers every question exactly as the answerer in this thread does", async () => {
    for (const question of QUESTIONS) {
      for (const share of [true, false]) {
        // The share button carries the id each answerer kept the answer under: the same but for that.
        expect(withoutShownId(await thread.answer(question, { share, now: NOW }))).toEqual(
          withoutShownId(await local.answer(question, { share, now: NOW })),
        );
      }
    }
    expect(await thread.home()).toEqual(await local.home());
    expect(await thread.digest("C0NONE", NOW)).toEqual(await local.digest("C0NONE", NOW));
  });

  it("posts an answer to a response URL itself: ephemeral with the share button, or shared with who shared it", async () => {
    const { chart } = await thread.respond("Sefton", {
      responseUrl: slack.responseUrl("ask"),
      responseType: "ephemeral",
      share: true,
      now: NOW,
    });
    const asked = (await slack.waitForResponse("ask")).body as Message & { response_type: string };
    const { chart: expectedChart, ...expected } = withoutShownId(
      await local.answer("Sefton", { share: true, now: NOW }),
    );
    expect(asked.response_type).toBe("ephemeral");
    expect(withoutShownId({ text: asked.text, blocks: asked.blocks })).toEqual(expected);
    // The chart is not posted (a response URL takes no file): it comes back, for the app to upload where it can.
    expect(asked).not.toHaveProperty("chart");
    expect(chart).toEqual(expectedChart);
    expect(chart?.kind).toBe("rates");

    await thread.respond("Sefton", {
      responseUrl: slack.responseUrl("shared"),
      responseType: "in_channel",
      share: false,
      sharedBy: "jo.bloggs",
      now: NOW,
    });
    const shared = (await slack.waitForResponse("shared")).body as {
      response_type: string;
      blocks: unknown[];
    };
    expect(shared.response_type).toBe("in_channel");
    expect(JSON.stringify(shared.blocks.at(-1))).toContain("Shared by jo.bloggs");
    expect(JSON.stringify(shared.blocks)).not.toContain("share_answer");
  });

  it("shares exactly the answer shown, then removes the private copy", async () => {
    const shown = await thread.answer("Sefton", { share: true, now: NOW });
    const value = JSON.parse(
      String((shown.blocks.at(-1) as { elements: { value: string }[] }).elements[0]?.value),
    ) as { q: string; id: string };
    await thread.share(value.id, value.q, {
      responseUrl: slack.responseUrl("shared-exactly"),
      responseType: "in_channel",
      share: false,
      sharedBy: "<@U0OFFICER>",
      // A later "now" would compute a different answer: what is shared is what was shown.
      now: new Date("2027-06-01T00:00:00Z"),
    });
    await vi.waitFor(() => expect(slack.responses("shared-exactly")).toHaveLength(2));
    const [shared, removed] = slack.responses("shared-exactly").map((r) => r.body) as [Message, object];
    expect(shared.blocks.slice(0, -1)).toEqual(shown.blocks.slice(0, -1));
    expect(JSON.stringify(shared.blocks.at(-1))).toContain("Shared by <@U0OFFICER>");
    expect(removed).toEqual({ delete_original: true });
  });

  it("rejects, for the caller to apologise, when the response URL cannot be reached", async () => {
    await expect(
      thread.respond("Sefton", {
        responseUrl: UNREACHABLE_RESPONSE_URL,
        responseType: "ephemeral",
        share: true,
        now: NOW,
      }),
    ).rejects.toThrow();
    // And it goes on answering.
    expect((await thread.answer("Bury", { share: false, now: NOW })).text).toContain("Bury");
  });

  it("stops start-up with the store's own error, naming the file, when the store cannot be read", async () => {
    const bad = join(tempDir(), "db.json");
    writeFileSync(bad, "{ not json");
    const started = startAnswererThread({ storeFile: bad, logger: createLogger("info", new LogLines()) });
    await expect(started).rejects.toBeInstanceOf(StoreError);
    await expect(started).rejects.toThrow(bad);
  });

  it("ingests a letters folder in a thread of its own, naming each file that fails", async () => {
    const letters = sampleFolder();
    writeFileSync(join(letters, "minutes.txt"), "Minutes of the scrutiny committee.\n");
    const fresh = join(tempDir(), "db.json");
    const summary = await ingestInThread(fresh, [letters]);
    expect(summary.added).toBe(5);
    expect(summary.failed.map((f) => f.file)).toEqual([join(letters, "minutes.txt")]);
    const again = await ingestInThread(fresh, [letters]);
    expect(again.added + again.updated).toBe(0);
  });

  it("checks start-up's letters folder against the store it loaded: an unchanged folder has nothing stale", async () => {
    const letters = sampleFolder();
    const fresh = join(tempDir(), "db.json");
    await ingestPaths(fresh, [letters]);
    const logger = createLogger("info", new LogLines());
    const unchanged = await startAnswererThread({ storeFile: fresh, logger, check: [letters] });
    await unchanged.close();
    expect(unchanged.stale).toBe(0);
    writeFileSync(join(letters, "minutes.txt"), "Minutes of the scrutiny committee.\n");
    const changed = await startAnswererThread({ storeFile: fresh, logger, check: [letters] });
    await changed.close();
    expect({ letters: changed.letters, stale: changed.stale }).toEqual({ letters: 5, stale: 1 });
  });

  it("sizes the thread's heap from the store: at least 96 MB, eight times a large store", () => {
    expect(limitsFor(join(tempDir(), "none.json")).maxOldGenerationSizeMb).toBe(96);
    const big = join(tempDir(), "db.json");
    writeFileSync(big, Buffer.alloc(30_000_000, 32));
    expect(limitsFor(big).maxOldGenerationSizeMb).toBe(240);
  });
});

/** A message with its share button's kept-answer id taken out of the button's value. */
function withoutShownId(message: Message): Message {
  return JSON.parse(JSON.stringify(message).replace(/\\"id\\":\\"[0-9a-f-]+\\"/g, '\\"id\\":\\"…\\"'));
}
