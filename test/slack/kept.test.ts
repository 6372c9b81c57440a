import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/answers/open-store.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { localAnswerer } from "../../src/slack/answerer/answerer.ts";
import { KeptAnswers, keyOf } from "../../src/slack/answerer/kept.ts";
import type { Message } from "../../src/slack/render/index.ts";
import { ingestPaths } from "../../src/store/ingest.ts";
import { readdressed, SAMPLES, tempDir } from "../support/tmp.ts";

const NOW = new Date("2026-11-25T12:00:00Z");

describe("answers kept while the store stays as loaded", () => {
  it("answers a question asked again from the copy made the first time", () => {
    const kept = new KeptAnswers<{ n: number }>();
    const holdings = {};
    let made = 0;
    const first = kept.get(holdings, "Sefton", () => ({ n: ++made }));
    expect(kept.get(holdings, "Sefton", () => ({ n: ++made }))).toBe(first);
    expect(made).toBe(1);
  });

  it("answers afresh once the letters held change (a new store load)", () => {
    const kept = new KeptAnswers<number>();
    let made = 0;
    kept.get({}, "Sefton", () => ++made);
    kept.get({}, "Sefton", () => ++made);
    expect(made).toBe(2);
    expect(kept.size).toBe(1);
  });

  it("keeps the newest answers only, dropping the one asked least recently", () => {
    const kept = new KeptAnswers<string>(2);
    const holdings = {};
    kept.get(holdings, "a", () => "a1");
    kept.get(holdings, "b", () => "b1");
    kept.get(holdings, "a", () => "a2"); // a is now the most recent: b goes next
    kept.get(holdings, "c", () => "c1");
    expect(kept.size).toBe(2);
    expect(kept.get(holdings, "a", () => "a3")).toBe("a1");
    expect(kept.get(holdings, "b", () => "b2")).toBe("b2");
  });

  it("keys a question by its text, its Share button and the year it is asked in (which 'this year' reads)", () => {
    expect(keyOf("Sefton", true, NOW)).toBe(keyOf("Sefton", true, new Date("2026-01-01T00:00:00Z")));
    expect(keyOf("Sefton", true, NOW)).not.toBe(keyOf("Sefton", true, new Date("2027-01-01T00:00:00Z")));
    expect(keyOf("Sefton", true, NOW)).not.toBe(keyOf("Sefton", false, NOW));
    expect(keyOf("Sefton", true, NOW)).not.toBe(keyOf("sefton ", true, NOW));
  });
});

describe("the answerer, asked the same question again", () => {
  const QUESTIONS = ["Sefton", "who had concerns raised?", "compare Bury and Sefton", "letters this year"];

  it("gives the answer a fresh answerer gives, and each asker's Share button its own id", async () => {
    const store = join(tempDir(), "db.json");
    await ingestPaths(store, [SAMPLES]);
    const authorities = loadAuthorities();
    const busy = localAnswerer(await openStore(store), authorities);
    for (const question of QUESTIONS)
      for (const share of [true, false]) await busy.answer(question, { share, now: NOW });
    for (const question of QUESTIONS) {
      for (const share of [true, false]) {
        const fresh = localAnswerer(await openStore(store), authorities);
        const again = await busy.answer(question, { share, now: NOW });
        expect(withoutId(again)).toEqual(withoutId(await fresh.answer(question, { share, now: NOW })));
      }
    }
    const [one, two] = [
      await busy.answer("Sefton", { share: true, now: NOW }),
      await busy.answer("Sefton", { share: true, now: NOW }),
    ];
    expect(idOf(one)).not.toBe(idOf(two));
    // Each id recalls the answer it was shown with, to be shared.
    expect(withoutId(one)).toEqual(withoutId(two));
  });

  it("answers from the new letters once an ingest changes the store", async () => {
    const dir = tempDir();
    const store = join(dir, "db.json");
    await ingestPaths(store, [SAMPLES]);
    const open = await openStore(store);
    const answerer = localAnswerer(open, loadAuthorities());
    const before = await answerer.answer("Wigan", { share: false, now: NOW });
    expect(before.text).not.toMatch(/upheld/i);
    await ingestPaths(store, readdressed(dir, ["Wigan Metropolitan Borough Council"]));
    await open.refresh();
    const after = await answerer.answer("Wigan", { share: false, now: NOW });
    expect(after).not.toEqual(before);
    expect(after).toEqual(
      await localAnswerer(await openStore(store), loadAuthorities()).answer("Wigan", {
        share: false,
        now: NOW,
      }),
    );
  });

  it("answers 'this year' for the year it is asked in", async () => {
    const store = join(tempDir(), "db.json");
    await ingestPaths(store, [SAMPLES]);
    const answerer = localAnswerer(await openStore(store), loadAuthorities());
    const in2020 = await answerer.answer("Sefton this year", {
      share: false,
      now: new Date("2020-08-01T00:00:00Z"),
    });
    const in2026 = await answerer.answer("Sefton this year", { share: false, now: NOW });
    expect(in2020).not.toEqual(in2026);
  });
});

function shareValue(message: Message): { id?: string } {
  const actions = message.blocks.at(-1) as { elements?: { value?: string }[] };
  return JSON.parse(actions.elements?.[0]?.value ?? "{}") as { id?: string };
}

const idOf = (message: Message) => shareValue(message).id;

/** The message with the Share button's id masked: the rest must be the same for every asker. */
function withoutId(message: Message): Message {
  return JSON.parse(JSON.stringify(message).replace(/\\"id\\":\\"[0-9a-f-]+\\"/g, '\\"id\\":\\"…\\"'));
}
