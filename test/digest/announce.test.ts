import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type AnnounceDeps,
  announceIngested,
  announcementOf,
  type LetterAnnouncement,
  subscribersOf,
} from "../../src/digest/announce.ts";
import { PostFailure } from "../../src/digest/post-failure.ts";
import type { Letter } from "../../src/letters/schema.ts";
import { ingestPaths } from "../../src/store/ingest.ts";
import { readStore } from "../../src/store/store.ts";
import { seftonLetter2025 } from "../fixtures/new-letter.ts";
import { letterFrom } from "../support/records.ts";
import { SAMPLES, tempDir } from "../support/tmp.ts";
import { logged, stored, storeWith, subscription } from "./support.ts";

const SEFTON = "Sefton Metropolitan Borough Council";
const BURY = "Bury Metropolitan Borough Council";

const sefton2025 = () => letterFrom(seftonLetter2025(), "letters/2025/sefton.txt");

/** `letter` with its upheld figures replaced. */
function withUpheld(letter: Letter, upheld: Partial<NonNullable<Letter["stats"]["upheld"]>>): Letter {
  const stats = letter.stats;
  return { ...letter, stats: { ...stats, upheld: { ...(stats.upheld as object), ...upheld } as never } };
}

describe("a new letter's announcement", () => {
  it("names the council by its short name, the year, the upheld rate and its average, then the other rates", () => {
    const announcement = announcementOf(sefton2025(), "added");
    expect(announcement).toMatchObject({
      letter: "sefton/2025",
      council: SEFTON,
      headline: "New Ombudsman letter: Sefton 2025, upheld 70% (average 65%)",
      details: ["compliance 90% (average 99%)", "remedy 43% (average 11%)"],
    });
    expect(announcementOf(sefton2025(), "updated").headline).toBe(
      "Updated Ombudsman letter: Sefton 2025, upheld 70% (average 65%)",
    );
  });

  it("never shows a figure the letter does not give: no average, no cases, unreadable, no statistics", () => {
    const letter = sefton2025();
    expect(announcementOf(withUpheld(letter, { similarAverage: null }), "added").headline).toBe(
      "New Ombudsman letter: Sefton 2025, upheld 70%",
    );
    // Over no investigations a rate the letter prints as 0% is no rate at all.
    const none = announcementOf(withUpheld(letter, { rate: 0, count: 0, investigations: 0 }), "added");
    expect(none.headline).toBe(
      "New Ombudsman letter: Sefton 2025, upheld not calculable (no investigations)",
    );
    expect(none.details).toContain("remedy not calculable (no upheld complaints)");
    expect(announcementOf(withUpheld(letter, { rate: null }), "added").headline).toBe(
      "New Ombudsman letter: Sefton 2025, upheld rate not given",
    );
    const bath = letterFrom(
      readFileSync(join(SAMPLES, "bath-and-north-east-somerset.txt")),
      "bath-and-north-east-somerset.txt",
    );
    const noStatistics = announcementOf(bath, "added");
    expect(noStatistics.headline).toBe(
      "New Ombudsman letter: Bath and North East Somerset 2020, no statistics in the letter",
    );
    expect(noStatistics.details).toEqual([]);
  });

  it("keys what it says: the same figures give the same key, other figures another", () => {
    const letter = sefton2025();
    const key = announcementOf(letter, "added").key;
    expect(announcementOf({ ...letter, concerns: [] }, "updated").key).toBe(key);
    expect(announcementOf(withUpheld(letter, { rate: 80 }), "updated").key).not.toBe(key);
  });

  it("goes to the subscriptions watching the council or every council, never to a paused one", () => {
    const letter = sefton2025();
    const subscriptions = [
      subscription({ channel: "C0SEFTON", councils: [SEFTON] }),
      subscription({ channel: "C0BURY", councils: [BURY] }),
      subscription({ channel: "C0BOTH", councils: [BURY, SEFTON] }),
      subscription({ channel: "C0ALL", councils: [] }),
      subscription({
        channel: "C0PAUSED",
        councils: [SEFTON],
        paused: { reason: "not_in_channel", at: "2026-11-20T10:00:00.000Z" },
      }),
    ];
    expect(subscribersOf(subscriptions, letter).map((s) => s.channel)).toEqual([
      "C0SEFTON",
      "C0BOTH",
      "C0ALL",
    ]);
  });
});

describe("announcing the letters a watched batch brought in", () => {
  const NOW = new Date("2026-11-25T12:00:00.000Z");

  /** The five sample letters, a channel watching Sefton, one watching Bury, one watching all; and the folder. */
  async function setUp() {
    const store = await storeWith([
      subscription({ channel: "C0SEFTON", councils: [SEFTON] }),
      subscription({ channel: "C0BURY", councils: [BURY] }),
      subscription({ channel: "C0ALL", councils: [] }),
    ]);
    const file = join(tempDir(), "sefton-2025.txt");
    const posts: { channel: string; announcement: LetterAnnouncement }[] = [];
    const { log, logger } = logged();
    const deps: AnnounceDeps = {
      storeFile: store,
      post: async (channel, announcement) => {
        posts.push({ channel, announcement });
        return { ts: `1700000000.00000${posts.length}` };
      },
      logger,
      now: () => NOW,
    };
    /** Write the letter file and ingest it, as the watch's batch does; the batch, for announcing. */
    const arrive = async (text: string) => {
      writeFileSync(file, text);
      const since = new Date();
      const report = await ingestPaths(store, [file]);
      return { files: [file], since, report };
    };
    return { store, file, posts, log, deps, arrive };
  }

  it("posts once in each channel watching the council, records it, and a second run posts nothing", async () => {
    const { store, posts, deps, arrive } = await setUp();
    const batch = await arrive(seftonLetter2025());
    const report = await announceIngested(deps, batch);
    expect(posts.map((p) => [p.channel, p.announcement.headline])).toEqual([
      ["C0SEFTON", "New Ombudsman letter: Sefton 2025, upheld 70% (average 65%)"],
      ["C0ALL", "New Ombudsman letter: Sefton 2025, upheld 70% (average 65%)"],
    ]);
    expect(report.posted.map((p) => p.channel)).toEqual(["C0SEFTON", "C0ALL"]);
    expect((await stored(store)).announcements).toEqual([
      expect.objectContaining({
        letter: "sefton/2025",
        channel: "C0SEFTON",
        status: "posted",
        ts: "1700000000.000001",
        postedAt: NOW.toISOString(),
      }),
      expect.objectContaining({ letter: "sefton/2025", channel: "C0ALL", status: "posted" }),
    ]);
    // The same batch again (a restart that re-ran it, a second instance): claimed already.
    await announceIngested(deps, batch);
    expect(posts).toHaveLength(2);
  });

  it("two instances announcing the same batch at once post it once", async () => {
    const { posts, deps, arrive } = await setUp();
    const batch = await arrive(seftonLetter2025());
    await Promise.all([
      announceIngested({ ...deps, instance: "one" }, batch),
      announceIngested({ ...deps, instance: "two" }, batch),
    ]);
    expect(posts.map((p) => p.channel).sort()).toEqual(["C0ALL", "C0SEFTON"]);
  });

  it("a changed file whose figures are the same is not announced again; new figures are, once, as updated", async () => {
    const { posts, deps, arrive } = await setUp();
    await announceIngested(deps, await arrive(seftonLetter2025()));
    // Re-saved with a line more: the stored letter is updated (its source's hash), its figures are not.
    const resaved = await arrive(`${seftonLetter2025()}\n`);
    expect(resaved.report.updated.map((u) => u.id)).toEqual(["sefton/2025"]);
    await announceIngested(deps, resaved);
    expect(posts).toHaveLength(2);
    const reissued = await arrive(seftonLetter2025(8, 66));
    await announceIngested(deps, reissued);
    await announceIngested(deps, reissued);
    expect(posts.slice(2).map((p) => [p.channel, p.announcement.headline])).toEqual([
      ["C0SEFTON", "Updated Ombudsman letter: Sefton 2025, upheld 80% (average 66%)"],
      ["C0ALL", "Updated Ombudsman letter: Sefton 2025, upheld 80% (average 66%)"],
    ]);
  });

  it("announces only the batch's own letters, not what was ingested before it began or from other files", async () => {
    const { posts, deps, arrive, store } = await setUp();
    // Ingested before the batch began (a start-up ingest): not the watch's news.
    const earlier = await arrive(seftonLetter2025());
    await announceIngested(deps, { ...earlier, since: new Date() });
    // A batch of other files: Sefton's letter is not among them.
    await announceIngested(deps, { files: [join(tempDir(), "bury.txt")], since: earlier.since });
    expect(posts).toEqual([]);
    expect((await readStore(store)).data.announcements).toBeUndefined();
  });

  it("a channel that refuses the post is logged and skipped, recorded as failed, and the others still get it", async () => {
    const { store, posts, log, deps, arrive } = await setUp();
    const refusing: AnnounceDeps = {
      ...deps,
      post: async (channel, announcement) => {
        if (channel === "C0SEFTON") throw new PostFailure("not_in_channel", true);
        return deps.post(channel, announcement);
      },
    };
    const report = await announceIngested(refusing, await arrive(seftonLetter2025()));
    expect(report.failed).toEqual([
      { channel: "C0SEFTON", letter: "sefton/2025", error: "not_in_channel", permanent: true },
    ]);
    expect(posts.map((p) => p.channel)).toEqual(["C0ALL"]);
    expect(log.find("warn", "cannot announce the letter there")).toEqual([
      expect.objectContaining({ channel: "C0SEFTON", code: "not_in_channel" }),
    ]);
    expect((await stored(store)).announcements?.find((a) => a.channel === "C0SEFTON")).toMatchObject({
      status: "failed",
      error: "not_in_channel",
    });
  });

  it("hands each post to afterPost (where a chart goes); its failure is logged and the announcement stands", async () => {
    const { store, deps, log, arrive } = await setUp();
    const after: string[] = [];
    await announceIngested(
      {
        ...deps,
        afterPost: async ({ channel, ts, announcement }) => {
          after.push(`${channel} ${ts} ${announcement.letter}`);
          throw new Error("no chart today");
        },
      },
      await arrive(seftonLetter2025()),
    );
    expect(after).toEqual(["C0SEFTON 1700000000.000001 sefton/2025", "C0ALL 1700000000.000002 sefton/2025"]);
    expect(log.find("warn", "the follow-up failed")).toHaveLength(2);
    expect((await stored(store)).announcements?.every((a) => a.status === "posted")).toBe(true);
  });
});

describe("a store from before announcements", () => {
  it("loads and is written without the key until something is announced", async () => {
    const store = join(tempDir(), "db.json");
    await ingestPaths(store, [SAMPLES]);
    const text = readFileSync(store, "utf8");
    expect(text).not.toContain("announcements");
    expect((await readStore(store)).data.announcements).toBeUndefined();
  });
});
