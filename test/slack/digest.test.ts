import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/index.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { type Digest, digestFor } from "../../src/digest/compose.ts";
import { PostFailure } from "../../src/digest/post-failure.ts";
import {
  type DigestDeps,
  type DigestReply,
  type DigestSurface,
  digestVerb,
  digestWords,
  postDigest,
} from "../../src/slack/digest.ts";
import { digestMessage } from "../../src/slack/render/index.ts";
import { readStore } from "../../src/store/store.ts";
import { findUnescaped } from "../support/find-unescaped.ts";
import { tempDir } from "../support/tmp.ts";
import { fakeClient, platformError } from "./fakes.ts";

const NOW = new Date("2026-11-25T12:00:00Z");
const authorities = loadAuthorities();

/**
 * The handler over a real store file in a fresh folder, with a fake answerer (a digest of no letters, recording the
 * channels asked for) and a fake surface recording what it was told to reply and to post.
 */
function harness(options: { typed?: string; post?: (digest: Digest) => Promise<unknown> } = {}) {
  const store = join(tempDir(), "db.json");
  const digest = digestFor(undefined, { holdings: createHoldings([]), ingested: [], now: NOW });
  const asked: string[] = [];
  const deps: DigestDeps = {
    storeFile: store,
    authorities,
    now: () => NOW,
    answerer: {
      digest: async (channel) => {
        asked.push(channel);
        return digest;
      },
    },
  };
  const replies: DigestReply[] = [];
  const posts: Digest[] = [];
  const surface: DigestSurface = {
    typed: options.typed ?? "@ombuds digest",
    reply: async (message) => replies.push(message),
    post:
      options.post ??
      (async (d) => {
        posts.push(d);
      }),
  };
  const run = (text: string, where: { channel?: string; user?: string } = {}) =>
    digestVerb(
      deps,
      {
        words: text.split(" ").filter(Boolean),
        channel: where.channel ?? "C0GENERAL",
        user: where.user ?? "U1",
      },
      surface,
    );
  const said = () => replies.map((r) => r.text).join("\n");
  const subscriptions = async () => (await readStore(store)).data.subscriptions;
  return { store, digest, asked, replies, posts, run, said, subscriptions };
}

describe("the digest sub-commands, shared by the slash command, mentions and DMs", () => {
  it("on subscribes the conversation it was typed in, for whoever typed it, and says when the next digest comes", async () => {
    const h = harness();
    await h.run("on Bury tuesday 08:30", { channel: "D0OFFICER", user: "U0OFFICER" });
    expect(await h.subscriptions()).toEqual([
      expect.objectContaining({
        channel: "D0OFFICER",
        councils: ["Bury Metropolitan Borough Council"],
        day: 2,
        time: "08:30",
        createdBy: "U0OFFICER",
      }),
    ]);
    expect(h.replies).toHaveLength(1);
    expect(h.said()).toMatch(
      /^Subscribed\. Weekly digest for Bury Metropolitan Borough Council, Tuesdays at 08:30/,
    );
    expect(h.said()).toContain("Next digest: Tuesday 1 December");
    // A DM is the bot's own: no invitation needed.
    expect(h.said()).not.toContain("/invite");
    expect(h.posts).toEqual([]);
  });

  it("on in a channel says the bot posts only where it is a member, and how to invite it", async () => {
    const h = harness();
    await h.run("on Bury", { channel: "C0GENERAL", user: "U0OFFICER" });
    expect(h.said()).toMatch(/^Subscribed\./);
    expect(h.said()).toContain(
      "I post only in channels I'm a member of: if I'm not in this one yet, /invite @ombuds.",
    );
  });

  it("a bad day or time changes nothing and says what is wrong and how the command is typed on that surface", async () => {
    const h = harness({ typed: "@ombuds digest" });
    await h.run("on Bury Funday 25:00");
    expect(existsSync(h.store)).toBe(false);
    expect(h.said()).toContain("Nothing changed");
    expect(h.said()).toContain('"Funday" is not a day of the week');
    expect(h.said()).toContain('"25:00" is not a time');
    expect(h.said()).toContain(
      "Usage: @ombuds digest on [councils…] [day] [HH:MM] [quiet], e.g. @ombuds digest on Bury, Sefton tuesday 08:30",
    );
  });

  it("an unknown council changes nothing, and the user's words come back escaped", async () => {
    const h = harness({ typed: "digest" });
    await h.run("on <!channel> & Narnia");
    expect(existsSync(h.store)).toBe(false);
    // How the council words are quoted back is the answers layer's business; that they cannot form markup is ours.
    expect(h.said()).toMatch(/^Nothing changed: I don't know a council called “[^”]*narnia”\./i);
    expect(h.said()).not.toContain("<!channel>");
    expect(h.said()).toContain("Usage: digest on [councils…]");
    expect(findUnescaped(h.said())).toEqual([]);
  });

  it("an unknown verb or none at all gets the usage line, naming the command as typed there", async () => {
    const h = harness({ typed: "/ombuds digest" });
    await h.run("weekly");
    await h.run("");
    await h.run(`<!here>${"x".repeat(100)}`);
    const [unknown, bare, long] = h.replies.map((r) => r.text);
    expect(unknown).toBe(
      "I don't know “/ombuds digest weekly”. Usage: /ombuds digest on [councils…] [day] [HH:MM] [quiet] · off · status · preview · now. Example: /ombuds digest on Bury, Sefton tuesday 08:30",
    );
    expect(bare).toBe(unknown?.slice(unknown.indexOf("Usage:")));
    expect(long).toContain(`I don't know “/ombuds digest &lt;!here&gt;${"x".repeat(33)}…”.`);
    expect(findUnescaped(h.said())).toEqual([]);
    expect(existsSync(h.store)).toBe(false);
  });

  it("the verb is read in any case", async () => {
    const h = harness();
    await h.run("ON Sefton");
    await h.run("Status");
    expect(h.said()).toContain("Subscribed. Weekly digest for Sefton Metropolitan Borough Council");
    expect(h.replies[1]?.text).toMatch(/^Weekly digest for Sefton/);
  });

  it("status reads the conversation's own subscription; off removes only that one", async () => {
    const h = harness();
    await h.run("status");
    expect(h.replies.at(-1)?.text).toContain(
      "This channel has no weekly digest. Start one with /ombuds digest on",
    );
    await h.run("on quiet", { channel: "C0GENERAL" });
    await h.run("on Bury", { channel: "D0OFFICER" });
    await h.run("status", { channel: "C0GENERAL" });
    expect(h.replies.at(-1)?.text).toMatch(
      /^Weekly digest for all councils, Mondays at 09:00 \(Europe\/London\), quiet/,
    );
    await h.run("off", { channel: "C0GENERAL" });
    expect(h.replies.at(-1)?.text).toBe("The weekly digest for this channel is off.");
    expect((await h.subscriptions()).map((s) => s.channel)).toEqual(["D0OFFICER"]);
    await h.run("off", { channel: "C0GENERAL" });
    expect(h.replies.at(-1)?.text).toBe("This channel has no weekly digest to turn off.");
  });

  it("preview replies with the conversation's digest as blocks, posts nothing and records nothing", async () => {
    const h = harness();
    await h.run("on Bury", { channel: "D0OFFICER" });
    const before = readFileSync(h.store, "utf8");
    await h.run("preview", { channel: "D0OFFICER" });
    expect(h.asked).toEqual(["D0OFFICER"]);
    expect(h.replies.at(-1)).toEqual(digestMessage(h.digest));
    expect(h.replies.at(-1)?.blocks?.length).toBeGreaterThan(0);
    expect(h.posts).toEqual([]);
    expect(readFileSync(h.store, "utf8")).toBe(before);
  });

  it("now posts the digest for everyone and counts what is new from then; it replies nothing more", async () => {
    const h = harness();
    await h.run("on");
    const replies = h.replies.length;
    await h.run("now");
    expect(h.asked).toEqual(["C0GENERAL"]);
    expect(h.posts).toEqual([h.digest]);
    expect(h.replies).toHaveLength(replies);
    expect((await h.subscriptions())[0]?.lastPostedAt).toBe(NOW.toISOString());
  });

  it("now without a subscription posts the digest of all councils and leaves the store alone", async () => {
    const h = harness();
    await h.run("now");
    expect(h.posts).toEqual([h.digest]);
    expect(existsSync(h.store)).toBe(false);
  });

  it("now in a conversation that refuses the post says how to fix it; other failures go to the caller", async () => {
    const refused = harness({ post: async () => Promise.reject(platformError("not_in_channel")) });
    await refused.run("on");
    await refused.run("now");
    expect(refused.replies.at(-1)?.text).toBe(
      "I couldn't post the digest here (not_in_channel): invite me to the channel with /invite @ombuds.",
    );
    expect((await refused.subscriptions())[0]?.lastPostedAt).toBeNull();

    // As the surfaces' post (postDigest) rejects: already read, and read the same way.
    const archived = harness({ post: async () => Promise.reject(new PostFailure("is_archived", true)) });
    await archived.run("now");
    expect(archived.replies.at(-1)?.text).toBe(
      "I couldn't post the digest here (is_archived): invite me to the channel with /invite @ombuds.",
    );

    const broken = harness({ post: async () => Promise.reject(new Error("socket hang up")) });
    await expect(broken.run("now")).rejects.toThrow("socket hang up");
    expect(broken.replies).toEqual([]);
  });
});

describe("digestWords: which texts are the digest sub-command", () => {
  const cases: [string, string | undefined, string[] | null][] = [
    ["digest on Bury, Sefton tuesday 08:30", undefined, ["on", "Bury,", "Sefton", "tuesday", "08:30"]],
    ["<@UBOT> digest on Bury tuesday 08:30", "UBOT", ["on", "Bury", "tuesday", "08:30"]],
    ["<@UBOT|ombuds>, digest status", "UBOT", ["status"]],
    ["<@UBOT> /ombuds digest now", "UBOT", ["now"]],
    ["ombuds digest preview", undefined, ["preview"]],
    ["  Digest   STATUS ", undefined, ["STATUS"]],
    ["digest", undefined, []],
    // Without the bot's id (Bolt always knows it, but a leading mention can only be the one that addressed it).
    ["<@UBOT> digest off", undefined, ["off"]],
    // A link keeps its label; any other markup stays, for the handler to refuse as a council name.
    ["digest on <https://www.bury.gov.uk|Bury>", undefined, ["on", "Bury"]],
    ["<@UBOT> digest on <!channel>", "UBOT", ["on", "<!channel>"]],
    // Questions, for the answers layer.
    ["<@UBOT> how does Bury compare with similar councils?", "UBOT", null],
    ["digested complaints in Bury", undefined, null],
    ["what is the digest?", undefined, null],
    ["<@U0OTHER> digest on Bury", "UBOT", null],
    ["ombudsman digest on Bury", undefined, null],
    ["", undefined, null],
  ];
  for (const [text, bot, words] of cases) {
    it(`${JSON.stringify(text)}${bot ? ` (bot ${bot})` : ""} → ${JSON.stringify(words)}`, () => {
      expect(digestWords(text, bot)).toEqual(words);
    });
  }
});

describe("postDigest", () => {
  const digest = () => digestFor(undefined, { holdings: createHoldings([]), ingested: [], now: NOW });

  it("posts the digest's message to the channel and gives back the post's timestamp", async () => {
    const client = fakeClient();
    expect(await postDigest(client, "C0GENERAL", digest())).toEqual({ ts: "1700000000.000001" });
    expect(client.posted).toEqual([{ channel: "C0GENERAL", ...digestMessage(digest()) }]);
  });

  it("rejects with the digest's PostFailure, permanent when Slack refuses for good, keeping the Web API's error", async () => {
    for (const [code, permanent] of [
      ["not_in_channel", true],
      ["internal_error", false],
    ] as const) {
      const refused = postDigest(
        fakeClient(() => code),
        "C0GENERAL",
        digest(),
      );
      await expect(refused).rejects.toBeInstanceOf(PostFailure);
      await expect(refused).rejects.toMatchObject({
        code,
        permanent,
        cause: { data: { error: code } },
      });
    }
  });
});
