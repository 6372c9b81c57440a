import type { KnownBlock } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { chartOfTheWeek } from "../digest/chart.ts";
import type { Digest } from "../digest/compose.ts";
import { type AdminFlags, type DigestPermission, mayChangeDigest } from "../digest/permission.ts";
import { markPosted, status, subscribe, unsubscribe } from "../digest/subscribe.ts";
import type { Logger } from "../log.ts";
import type { Subscription } from "../store/schema.ts";
import { readStore } from "../store/store.ts";
import type { Answerer } from "./answerer/answerer.ts";
import { type FilesClient, uploadChart } from "./chart.ts";
import type { ChatClient } from "./clients.ts";
import type { SlackDeps } from "./dependencies.ts";
import { slackFailure } from "./errors.ts";
import { clip, digestMessage, escape as escapeText } from "./render/index.ts";

/**
 * Post a digest to a channel, and its chart of the week in the digest's thread when the client can upload files;
 * rejects with a `PostFailure`, the digest run's reading of what went wrong. The digest is posted once its words are
 * (a chart that cannot be uploaded is logged, and the post stands).
 */
export async function postDigest(
  client: ChatClient & Partial<FilesClient>,
  channel: string,
  digest: Digest,
  logger?: Pick<Logger, "warn">,
): Promise<{ ts: string }> {
  const message = digestMessage(digest);
  let ts: string;
  try {
    const result = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    ts = String(result.ts ?? "");
  } catch (error) {
    throw slackFailure(error);
  }
  const chart = chartOfTheWeek(digest);
  if (chart && canUpload(client) && logger) {
    await uploadChart(client, chart, ts ? { channel, thread: ts } : { channel }, logger);
  }
  return { ts };
}

// The client itself, not its `files` taken apart: the Web API's methods are bound to their client.
const canUpload = (client: Partial<FilesClient>): client is FilesClient => client.files !== undefined;

/** A reply to the person who typed the command: a sentence, or a whole message (the digest, for `preview`). */
export interface DigestReply {
  /** Escaped, like every text that reaches Slack. */
  text: string;
  blocks?: KnownBlock[];
}

/**
 * Where a digest sub-command was typed, and how to answer there: the slash command replies ephemerally through its
 * response URL, a mention in the mention's thread, a DM in the DM.
 */
export interface DigestSurface {
  /** The command as it is typed here ("/ombuds digest", "@ombuds digest", "digest"), for usage and examples. */
  typed: string;
  reply(message: DigestReply): Promise<unknown>;
  /** Post the digest for everyone in the conversation (`now`); rejects with the Web API's error or a `PostFailure`. */
  post(digest: Digest): Promise<unknown>;
}

export interface DigestRequest {
  /** The words after "digest": the verb, then its arguments. */
  words: string[];
  /** The conversation the digest is for: a channel, or a DM for a personal digest. */
  channel: string;
  user: string;
}

export type DigestDeps = Pick<SlackDeps, "storeFile" | "authorities" | "now"> & {
  answerer: Pick<Answerer, "digest">;
  /** `DIGEST_ADMINS`: users who may change any conversation's digest. */
  digestAdmins: readonly string[];
  /** The user's workspace role from Slack (`users.info`), or null when Slack could not say (then: refused). */
  adminFlags: (user: string) => Promise<AdminFlags | null>;
};

/** The part of the Web API client that reads a user's workspace role (the `users:read` scope). */
export interface UsersClient {
  users: Pick<WebClient["users"], "info">;
}

/** Looks up a user's workspace role through a client; see `adminFlagsCache`. */
export type AdminFlagsLookup = (client: UsersClient, user: string) => Promise<AdminFlags | null>;

/** How long a user's workspace role is believed: a few commands in a row make one `users.info` call. */
export const ADMIN_FLAGS_TTL_MS = 5 * 60_000;
/** Users remembered at once; the oldest is forgotten first. */
const ADMIN_FLAGS_KEPT = 1000;

/**
 * `users.info`'s admin flags, remembered for `ttlMs` per user (a look-up under way is shared). A failed look-up is
 * logged as a warning, answers null (the change is refused, never allowed by default) and is not remembered.
 */
export function adminFlagsCache(
  logger: Pick<Logger, "warn">,
  options: { ttlMs?: number; clock?: () => number } = {},
): AdminFlagsLookup {
  const ttl = options.ttlMs ?? ADMIN_FLAGS_TTL_MS;
  const clock = options.clock ?? Date.now;
  const kept = new Map<string, { at: number; flags: Promise<AdminFlags | null> }>();
  return (client, user) => {
    const at = clock();
    const hit = kept.get(user);
    if (hit && at - hit.at < ttl) return hit.flags;
    kept.delete(user);
    const flags = readAdminFlags(client, user, logger).then((read) => {
      if (read === null && kept.get(user)?.flags === flags) kept.delete(user);
      return read;
    });
    kept.set(user, { at, flags });
    if (kept.size > ADMIN_FLAGS_KEPT) {
      const oldest = kept.keys().next().value;
      if (oldest !== undefined) kept.delete(oldest);
    }
    return flags;
  };
}

/** One `users.info` call, read as admin flags; null (and a warning in the log) when it fails. */
export async function readAdminFlags(
  client: UsersClient,
  user: string,
  logger: Pick<Logger, "warn">,
): Promise<AdminFlags | null> {
  try {
    const found = (await client.users.info({ user })).user;
    if (!found) throw new Error("users.info gave no user");
    return {
      admin: found.is_admin === true,
      owner: found.is_owner === true,
      primaryOwner: found.is_primary_owner === true,
    };
  } catch (error) {
    logger.warn(
      { user, code: slackFailure(error).code },
      "cannot read the user's workspace role (users.info): their digest change is refused",
    );
    return null;
  }
}

/**
 * The digest's dependencies for one listener call: the app's, with Slack's answer on a user's role read through
 * this call's client (and the app's cache when it has one).
 */
export function digestDeps(deps: SlackDeps, client: UsersClient): DigestDeps {
  const lookup = deps.adminFlags;
  return {
    storeFile: deps.storeFile,
    authorities: deps.authorities,
    now: deps.now,
    answerer: deps.answerer,
    digestAdmins: deps.digestAdmins ?? [],
    adminFlags: (user) => (lookup ? lookup(client, user) : readAdminFlags(client, user, deps.logger)),
  };
}

/**
 * May `user` change the conversation's digest? The workspace role is asked of Slack only when it decides. A caller
 * that has just read the conversation's subscription passes it (`known`; undefined: none), and the store is not
 * read again.
 */
export async function digestPermission(
  deps: DigestDeps,
  request: Pick<DigestRequest, "channel" | "user">,
  known?: { subscription: Subscription | undefined },
): Promise<DigestPermission> {
  const subscription = known
    ? known.subscription
    : (await readStore(deps.storeFile)).data.subscriptions.find((s) => s.channel === request.channel);
  const question = { subscription, user: request.user, digestAdmins: deps.digestAdmins, flags: undefined };
  const first = mayChangeDigest(question);
  if (first.allowed || first.reason !== "unchecked") return first;
  return mayChangeDigest({ ...question, flags: await deps.adminFlags(request.user) });
}

/**
 * The refusal, naming who set the digest up: the one piece of markup is the mention we write of a user id; the
 * words, and a creator in the store that is not a user id, are escaped like every text that reaches Slack.
 */
export function refusal(setUpBy: string, unknown: boolean): string {
  const who = /^[UW][A-Z0-9]{2,}$/.test(setUpBy) ? `<@${setUpBy}>` : clip(setUpBy, 80);
  const rest = `; only they, workspace admins and owners, or someone in DIGEST_ADMINS can change it.${
    unknown ? " I couldn't check your workspace role with Slack just now: try again in a minute." : ""
  }`;
  return `${escapeText("This channel's digest was set up by ")}${who}${escapeText(rest)}`;
}

const ON_ARGUMENTS = "[councils…] [day] [HH:MM] [quiet]";

export function digestUsage(typed: string): string {
  return `Usage: ${typed} on ${ON_ARGUMENTS} · off · status · preview · now. Example: ${typed} on Bury, Sefton tuesday 08:30`;
}

/** A user's text can be as long as a Slack message; what we send back stays well inside one. */
const MAX_REPLY = 3000;
/** An unknown verb is quoted back, but never at length. */
const MAX_VERB = 40;

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * `digest on|off|status|preview|now …` wherever it was typed: the store and the digest are the same for every
 * surface, and only the way of replying differs.
 */
export async function digestVerb(
  deps: DigestDeps,
  request: DigestRequest,
  surface: DigestSurface,
): Promise<void> {
  const [word = "", ...rest] = request.words;
  const verb = word.toLowerCase();
  const say = (text: string) => surface.reply({ text: clip(text, MAX_REPLY) });
  const now = deps.now();
  if (verb === "on" || verb === "off" || verb === "now") {
    const allowed = await digestPermission(deps, request);
    if (!allowed.allowed) {
      await surface.reply({ text: refusal(allowed.setUpBy, allowed.reason === "unknown") });
      return;
    }
  }
  switch (verb) {
    case "on": {
      const outcome = await subscribe(deps.storeFile, {
        channel: request.channel,
        user: request.user,
        words: rest,
        authorities: deps.authorities,
        now,
      });
      // A refusal says what to type instead: the command, with its arguments and an example.
      // The bot posts only where it is a member (the manifest asks for no chat:write.public): a slash command can
      // come from a channel it is not in, so the set-up says how to invite it. A DM is always its own.
      const invite = request.channel.startsWith("D")
        ? ""
        : " I post only in channels I'm a member of: if I'm not in this one yet, /invite @ombuds.";
      await say(
        outcome.ok
          ? `${outcome.message}${invite}`
          : `${sentence(outcome.message)} Usage: ${surface.typed} on ${ON_ARGUMENTS}, e.g. ${surface.typed} on Bury, Sefton tuesday 08:30`,
      );
      return;
    }
    case "off":
      await say((await unsubscribe(deps.storeFile, request.channel)).message);
      return;
    case "status":
      await say((await status(deps.storeFile, request.channel, now)).message);
      return;
    case "preview":
      await surface.reply(digestMessage(await deps.answerer.digest(request.channel, now)));
      return;
    case "now": {
      const digest = await deps.answerer.digest(request.channel, now);
      try {
        await surface.post(digest);
      } catch (error) {
        const failure = slackFailure(error);
        if (!failure.permanent) throw error;
        await say(
          `I couldn't post the digest here (${failure.code}): invite me to the channel with /invite @ombuds.`,
        );
        return;
      }
      await markPosted(deps.storeFile, request.channel, now);
      return;
    }
    default: {
      const quoted = word.length > MAX_VERB ? `${word.slice(0, MAX_VERB)}…` : word;
      await say(
        word
          ? `I don't know “${surface.typed} ${quoted}”. ${digestUsage(surface.typed)}`
          : digestUsage(surface.typed),
      );
    }
  }
}

/**
 * The words after "digest" when `text` is a digest sub-command, else null (a question for the answers layer).
 * Slack's markup is read as the answers layer reads it: the bot's own mention goes (it only addresses the bot), a
 * link keeps its label, and a leading "/ombuds" or "ombuds" is dropped, so "@ombuds /ombuds digest on Bury" works.
 * Any other mention stays, so "digest on <!channel>" is refused as an unknown council rather than read as "all".
 */
export function digestWords(text: string, botUserId?: string): string[] | null {
  let rest = text.replace(/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, "$1");
  rest = botUserId
    ? rest.replaceAll(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, "g"), " ")
    : rest.replace(/^\s*<@[A-Z0-9]+(?:\|[^>]*)?>/, " ");
  rest = rest.replace(/^[\s,:;]*\/?ombuds\b/i, "").replace(/^[\s,:;]+/, "");
  const words = rest.split(/\s+/).filter(Boolean);
  return words[0]?.toLowerCase() === "digest" ? words.slice(1) : null;
}
