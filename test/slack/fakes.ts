import { join } from "node:path";
import type { KnownBlock } from "@slack/types";
import type {
  ChatPostMessageArguments,
  FilesUploadV2Arguments,
  ViewsOpenArguments,
  ViewsPublishArguments,
} from "@slack/web-api";
import { loadAuthorities } from "../../src/authorities/index.ts";
import type { Digest } from "../../src/digest/compose.ts";
import type { Answerer, HomeView, ResponseTarget } from "../../src/slack/answerer/answerer.ts";
import type { FilesClient } from "../../src/slack/chart.ts";
import type { ChatClient, ModalClient, ViewsClient } from "../../src/slack/clients.ts";
import type { SlackDeps } from "../../src/slack/dependencies.ts";
import type { UsersClient } from "../../src/slack/digest.ts";
import type { Message } from "../../src/slack/render/index.ts";
import { type LogLines, logged } from "../support/log.ts";
import { tempDir } from "../support/tmp.ts";

/**
 * Fakes for the Slack listeners' unit tests: a Web API client that records its calls and refuses the ones a test
 * says, an answerer that records what it was asked, and the listeners' dependencies around them.
 */

export const NOW = new Date("2026-11-25T12:00:00Z");
const authorities = loadAuthorities();

/** The error @slack/web-api throws when Slack answers `ok: false`. */
export function platformError(error: string): Error {
  return Object.assign(new Error(`An API error occurred: ${error}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error },
  });
}

/** A `chat.postMessage` call's arguments, read as plain fields (the Web API's type is a union of shapes). */
export type Posted = Record<string, unknown>;

export interface FakeClient extends ChatClient, UsersClient, FilesClient {
  views: ViewsClient["views"] & ModalClient["views"];
  posted: Posted[];
  published: ViewsPublishArguments[];
  /** The modals `views.open` was asked to open, in order. */
  opened: ViewsOpenArguments[];
  /** The files `files.uploadV2` was asked to upload, in order. */
  uploaded: FilesUploadV2Arguments[];
  /** The users `users.info` was asked about, in order. */
  usersAsked: string[];
}

/** What `users.info` says of a user: their role flags, or a code for Slack's platform error. */
export type UserInfo = (user: string) => Record<string, unknown> | string;

/**
 * A client whose `chat.postMessage` records each call and rejects with Slack's platform error when `refuse`
 * returns a code for it; `users.info` records who was asked and answers `userInfo` (by default: no admin).
 */
export function fakeClient(
  refuse: (args: Posted) => string | undefined = () => undefined,
  userInfo: UserInfo = () => ({}),
) {
  const posted: Posted[] = [];
  const published: ViewsPublishArguments[] = [];
  const opened: ViewsOpenArguments[] = [];
  const uploaded: FilesUploadV2Arguments[] = [];
  const usersAsked: string[] = [];
  const client: FakeClient = {
    posted,
    published,
    opened,
    uploaded,
    files: {
      uploadV2: async (args) => {
        uploaded.push(args);
        return { ok: true, files: [] };
      },
    },
    usersAsked,
    users: {
      info: async (args) => {
        usersAsked.push(args.user);
        const info = userInfo(args.user);
        if (typeof info === "string") throw platformError(info);
        return { ok: true, user: { id: args.user, ...info } };
      },
    },
    chat: {
      postMessage: async (args: ChatPostMessageArguments) => {
        posted.push({ ...args });
        const code = refuse({ ...args });
        if (code) throw platformError(code);
        return {
          ok: true,
          channel: args.channel,
          ts: `1700000000.${String(posted.length).padStart(6, "0")}`,
        };
      },
    },
    views: {
      publish: async (args) => {
        published.push(args);
        return { ok: true };
      },
      open: async (args) => {
        opened.push(args);
        return { ok: true };
      },
    },
  };
  return client;
}

/** The digest the fake answerer gives every channel. */
export const DIGEST: Digest = {
  title: "Ombudsman digest, week of 23 November 2026",
  generatedAt: NOW.toISOString(),
  since: null,
  watchList: null,
  newLetters: [],
  councils: [],
  counts: { councils: 0, upheldAboveAverage: 0, complianceBelow100: 0, withConcerns: 0 },
  missing: [],
  unchanged: true,
};

export const HOME: HomeView = {
  type: "home",
  blocks: [{ type: "section", text: { type: "mrkdwn", text: "I hold 5 letters." } }],
};

/** The answer the fake answerer gives to `question`: its text says which question it answers. */
export function answerTo(question: string, share = false): Message {
  const blocks: KnownBlock[] = [{ type: "section", text: { type: "mrkdwn", text: `Answer to ${question}` } }];
  return { text: `Answer to ${question}${share ? " (shareable)" : ""}`, blocks };
}

export interface FakeAnswerer extends Answerer {
  answered: { question: string; share: boolean; now: Date }[];
  responded: { question: string; target: ResponseTarget }[];
  shared: { id: string | undefined; question: string; target: ResponseTarget }[];
  digests: string[];
}

/** An answerer that records every request; `overrides` replace any method (to make one fail). */
export function fakeAnswerer(overrides: Partial<Answerer> = {}): FakeAnswerer {
  const answerer: FakeAnswerer = {
    answered: [],
    responded: [],
    shared: [],
    digests: [],
    answer: async (question, options) => {
      answerer.answered.push({ question, ...options });
      return answerTo(question, options.share);
    },
    respond: async (question, target) => {
      answerer.responded.push({ question, target });
      return {};
    },
    share: async (id, question, target) => {
      answerer.shared.push({ id, question, target });
      return {};
    },
    home: async () => HOME,
    digest: async (channel) => {
      answerer.digests.push(channel);
      return DIGEST;
    },
    subscriptions: async () => [],
    refresh: async () => {},
    close: async () => {},
    ...overrides,
  };
  return answerer;
}

/** The listeners' dependencies: the fake answerer, a store file in a fresh folder, a log to read, a fixed clock. */
export function fakeDeps(answerer: Answerer = fakeAnswerer()): SlackDeps & { log: LogLines } {
  const { log, logger } = logged("info");
  return { answerer, storeFile: join(tempDir(), "db.json"), authorities, logger, now: () => NOW, log };
}
