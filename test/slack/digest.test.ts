import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/index.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { type Digest, digestFor } from "../../src/digest/compose.ts";
import type { AdminFlags } from "../../src/digest/permission.ts";
import { PostFailure } from "../../src/digest/post-failure.ts";
import {
  ADMIN_FLAGS_TTL_MS,
  adminFlagsCache,
  type DigestDeps,
  type DigestReply,
  type DigestSurface,
  digestDeps,
  digestVerb,
  digestWords,
  postDigest,
  refusal,
} from "../../src/slack/digest.ts";
import { digestMessage } from "../../src/slack/render/index.ts";
import { readStore, updateStore } from "../../src/store/store.ts";
import { findRawCharacters, findUnescaped } from "../support/find-unescaped.ts";
import { logged } from "../support/log.ts";
import { tempDir } from "../support/tmp.ts";
import { fakeClient, fakeDeps, platformError } from "./fakes.ts";

const NOW = new Date("2026-11-25T12:00:00Z");
const authorities = loadAuthorities();

/**
 * The handler over a real store file in a fresh folder, with a fake answerer (a digest of no letters, recording the
 * channels asked for) and a fake surface recording what it was told to reply and to post.
 */
function harness(
  options: {
    typed?: string;
    post?: (digest: Digest) => Promise<unknown>;
    /** `DIGEST_ADMINS`. */
    digestAdmins?: string[];
    /** Each user's workspace role as Slack would say it (null: the look-up failed); by default, no admin. */
    roles?: Record<string, AdminFlags | null>;
  } = {},
) {
  const store = join(tempDir(), "db.json");
  const digest = digestFor(undefined, { holdings: createHoldings([]), ingested: [], now: NOW });
  const asked: string[] = [];
  /** Whose workspace role was looked up. */
  const roleLookups: string[] = [];
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
    digestAdmins: options.digestAdmins ?? [],
    adminFlags: async (user) => {
      roleLookups.push(user);
      const role = options.roles?.[user];
      return role === undefined ? { admin: false, owner: false, primaryOwner: false } : role;
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
  return { store, digest, asked, roleLookups, replies, posts, run, said, subscriptions };
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

describe("who may change a conversation's digest", () => {
  const OWNER = "U0OWNER";
  const OTHER = "U0OTHER";
  const REFUSED =
    "This channel's digest was set up by <@U0OWNER>; only they, workspace admins and owners, or someone in DIGEST_ADMINS can change it.";
  const NOT_ADMIN = { admin: false, owner: false, primaryOwner: false };

  /** A harness whose channel has a digest of Bury set up by OWNER. */
  async function setUp(options: Parameters<typeof harness>[0] = {}) {
    const h = harness(options);
    await h.run("on Bury", { user: OWNER });
    h.replies.length = 0;
    h.roleLookups.length = 0;
    return h;
  }

  it("someone else's on, off and now are refused politely, naming who set it up; nothing changes or posts", async () => {
    const h = await setUp();
    const before = readFileSync(h.store, "utf8");
    for (const verb of ["on Sefton friday 16:00", "off", "now", "OFF", "on Bury Funday 25:00"]) {
      await h.run(verb, { user: OTHER });
      expect(h.replies.at(-1)).toEqual({ text: REFUSED });
    }
    expect(readFileSync(h.store, "utf8")).toBe(before);
    expect(h.posts).toEqual([]);
    expect(h.asked).toEqual([]);
    // Their role was asked each time (the cache is the Slack side's).
    expect(h.roleLookups).toEqual([OTHER, OTHER, OTHER, OTHER, OTHER]);
  });

  it("the person who set it up may change it, post it and turn it off, without their role being asked", async () => {
    const h = await setUp();
    await h.run("on Sefton friday 16:00", { user: OWNER });
    expect(h.said()).toMatch(/^Updated\. Weekly digest for Sefton/);
    await h.run("now", { user: OWNER });
    expect(h.posts).toEqual([h.digest]);
    await h.run("off", { user: OWNER });
    expect(h.replies.at(-1)?.text).toBe("The weekly digest for this channel is off.");
    expect(await h.subscriptions()).toEqual([]);
    expect(h.roleLookups).toEqual([]);
  });

  it("anyone in DIGEST_ADMINS may, without their role being asked", async () => {
    const h = await setUp({ digestAdmins: ["U0HELPER", OTHER] });
    await h.run("now", { user: OTHER });
    expect(h.posts).toEqual([h.digest]);
    await h.run("off", { user: OTHER });
    expect(h.replies.at(-1)?.text).toBe("The weekly digest for this channel is off.");
    expect(await h.subscriptions()).toEqual([]);
    expect(h.roleLookups).toEqual([]);
  });

  for (const [role, flags] of [
    ["admin", { ...NOT_ADMIN, admin: true }],
    ["owner", { ...NOT_ADMIN, owner: true }],
    ["primary owner", { ...NOT_ADMIN, primaryOwner: true }],
  ] as const) {
    it(`a workspace ${role} may change it, post it and turn it off`, async () => {
      const h = await setUp({ roles: { [OTHER]: flags } });
      await h.run("on Sefton", { user: OTHER });
      expect(h.said()).toMatch(/^Updated\. Weekly digest for Sefton/);
      await h.run("now", { user: OTHER });
      expect(h.posts).toEqual([h.digest]);
      await h.run("off", { user: OTHER });
      expect(h.replies.at(-1)?.text).toBe("The weekly digest for this channel is off.");
      expect(await h.subscriptions()).toEqual([]);
    });
  }

  it("status and preview stay open to everyone, and never ask for a role", async () => {
    const h = await setUp();
    await h.run("status", { user: OTHER });
    expect(h.replies.at(-1)?.text).toMatch(/^Weekly digest for Bury/);
    await h.run("preview", { user: OTHER });
    expect(h.replies.at(-1)).toEqual(digestMessage(h.digest));
    expect(h.roleLookups).toEqual([]);
  });

  it("starting a digest where there is none is open to everyone, and so is now and off there", async () => {
    const h = harness();
    await h.run("now", { user: OTHER });
    expect(h.posts).toEqual([h.digest]);
    await h.run("off", { user: OTHER });
    expect(h.replies.at(-1)?.text).toBe("This channel has no weekly digest to turn off.");
    await h.run("on Bury", { user: OTHER });
    expect(h.replies.at(-1)?.text).toMatch(/^Subscribed\./);
    expect(h.roleLookups).toEqual([]);
    // Another channel's digest is no one's here.
    await h.run("on Sefton", { channel: "C0OTHER", user: OWNER });
    expect((await h.subscriptions()).map((s) => [s.channel, s.createdBy])).toEqual([
      ["C0GENERAL", OTHER],
      ["C0OTHER", OWNER],
    ]);
  });

  it("when Slack cannot say the user's role, the change is refused, saying to try again", async () => {
    const h = await setUp({ roles: { [OTHER]: null } });
    await h.run("off", { user: OTHER });
    expect(h.replies.at(-1)?.text).toBe(
      `${REFUSED} I couldn't check your workspace role with Slack just now: try again in a minute.`,
    );
    expect(await h.subscriptions()).toHaveLength(1);
  });

  it("a DM's digest is its user's own", async () => {
    const h = harness();
    await h.run("on Bury", { channel: "D0OFFICER", user: "U0OFFICER" });
    await h.run("off", { channel: "D0OFFICER", user: "U0OFFICER" });
    expect(h.replies.at(-1)?.text).toBe("The weekly digest for this channel is off.");
    expect(h.roleLookups).toEqual([]);
  });

  it("a creator in the store that is not a user id is escaped, not written as markup", async () => {
    const h = await setUp();
    await updateStore(h.store, (data) => {
      for (const s of data.subscriptions) s.createdBy = "<!channel> & co";
      return { changed: true, result: undefined };
    });
    await h.run("off", { user: OTHER });
    expect(h.replies.at(-1)?.text).toMatch(
      /^This channel's digest was set up by &lt;!channel&gt; &amp; co; only they/,
    );
    expect(findUnescaped(h.said())).toEqual([]);
    expect(findRawCharacters(h.said())).toEqual([]);
    expect(refusal("U0OWNER", false)).toBe(REFUSED);
  });
});

describe("the workspace role, from users.info", () => {
  it("reads admin, owner and primary owner; remembers the answer for five minutes, per user", async () => {
    let clock = 0;
    const { logger } = logged("info");
    const lookup = adminFlagsCache(logger, { clock: () => clock });
    const client = fakeClient(undefined, (user) =>
      user === "U0ADMIN" ? { is_admin: true } : user === "U0OWNER" ? { is_primary_owner: true } : {},
    );
    expect(await lookup(client, "U0ADMIN")).toEqual({ admin: true, owner: false, primaryOwner: false });
    expect(await lookup(client, "U0OWNER")).toEqual({ admin: false, owner: false, primaryOwner: true });
    expect(await lookup(client, "U0NOBODY")).toEqual({ admin: false, owner: false, primaryOwner: false });
    clock = ADMIN_FLAGS_TTL_MS - 1;
    await Promise.all([lookup(client, "U0ADMIN"), lookup(client, "U0ADMIN"), lookup(client, "U0NOBODY")]);
    expect(client.usersAsked).toEqual(["U0ADMIN", "U0OWNER", "U0NOBODY"]);
    clock = ADMIN_FLAGS_TTL_MS;
    await lookup(client, "U0ADMIN");
    expect(client.usersAsked).toEqual(["U0ADMIN", "U0OWNER", "U0NOBODY", "U0ADMIN"]);
  });

  it("a failed look-up answers null, logs a warning, and is not remembered", async () => {
    const { log, logger } = logged("info");
    const lookup = adminFlagsCache(logger, { clock: () => 0 });
    let code: string | undefined = "missing_scope";
    const client = fakeClient(undefined, () => code ?? { is_owner: true });
    expect(await lookup(client, "U0OTHER")).toBeNull();
    expect(log.find("warn", "users.info")).toEqual([
      expect.objectContaining({ user: "U0OTHER", code: "missing_scope" }),
    ]);
    code = undefined;
    expect(await lookup(client, "U0OTHER")).toEqual({ admin: false, owner: true, primaryOwner: false });
    expect(client.usersAsked).toEqual(["U0OTHER", "U0OTHER"]);
  });

  it("digestDeps reads the role through the call's client, with the app's cache when it has one", async () => {
    const deps = fakeDeps();
    const client = fakeClient(undefined, () => ({ is_admin: true }));
    const uncached = digestDeps({ ...deps, digestAdmins: ["U0HELPER"] }, client);
    expect(uncached.digestAdmins).toEqual(["U0HELPER"]);
    await uncached.adminFlags("U0OTHER");
    await uncached.adminFlags("U0OTHER");
    expect(client.usersAsked).toEqual(["U0OTHER", "U0OTHER"]);
    const cached = digestDeps({ ...deps, adminFlags: adminFlagsCache(deps.logger) }, client);
    expect(cached.digestAdmins).toEqual([]);
    await cached.adminFlags("U0ADMIN");
    expect(await cached.adminFlags("U0ADMIN")).toEqual({ admin: true, owner: false, primaryOwner: false });
    expect(client.usersAsked).toEqual(["U0OTHER", "U0OTHER", "U0ADMIN"]);
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
