import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  APP_ID,
  BOT_ID,
  BOT_USER_ID,
  CHANNEL_ID,
  freshTs,
  TEAM_DOMAIN,
  TEAM_ID,
  USER_ID,
} from "./payloads.ts";
import { type SocketModeOptions, SocketModeStandIn } from "./socket-mode.ts";

/**
 * A loopback stand-in for Slack: one HTTP server on 127.0.0.1 that is the Web API (`/api/<method>`), the
 * response URLs (`/respond/<id>`), a file upload target (`/upload/<id>`) and the Socket Mode WebSocket
 * endpoint (`/link`). Everything it is sent is recorded for the test to inspect.
 */

export type Args = Record<string, unknown>;

export interface ApiCall {
  kind: "api";
  method: string;
  /** The arguments as sent, with JSON-encoded fields (`blocks`, `view`, …) decoded and `token` taken out. */
  args: Args;
  /** From `Authorization: Bearer …`, or else a `token` argument. */
  token: string | undefined;
  /** Date.now() when it arrived. */
  at: number;
  /** What the stand-in answered. */
  status: number;
  result: Args;
}

export interface ResponseUrlPost {
  kind: "respond";
  id: string;
  /** The JSON body (`respond()` sends JSON), or the raw text if it was not JSON. */
  body: unknown;
  at: number;
}

/** The bytes of a file posted to an upload URL that `files.getUploadURLExternal` gave out. */
export interface FileUpload {
  kind: "upload";
  fileId: string;
  bytes: Buffer;
  at: number;
}

export type Recorded = ApiCall | ResponseUrlPost | FileUpload;

/** Answered HTTP 200 `{ ok: false, error, ...rest }`, as Slack reports a method's errors. */
export interface PlatformFailure {
  error: string;
  [field: string]: unknown;
}
/** Answered HTTP 429 with `Retry-After: <seconds>` and `{ ok: false, error: "ratelimited" }`. */
export interface RateLimitFailure {
  ratelimited: { retryAfter: number };
}
export type Failure = PlatformFailure | RateLimitFailure;

function isRateLimit(failure: Failure): failure is RateLimitFailure {
  return typeof failure.ratelimited === "object" && failure.ratelimited !== null && !("error" in failure);
}

/** A fixed result, or one computed from the call; `ok: true` is added unless the result says `ok`. */
export type Answer = Args | ((call: { method: string; args: Args; token: string | undefined }) => Args);

export interface StartSlackOptions extends SocketModeOptions {
  /** Default timeout for `waitFor`. Default 5 s. */
  waitTimeoutMs?: number;
  /**
   * Answer `not_authed` when a call carries no token, and `not_allowed_token_type` when an app-level token
   * (`xapp-`) and a bot token are mixed up, as Slack does. Default true.
   */
  checkTokens?: boolean;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface FakeSlack {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `${url}/api/`: give it to WebClient / Bolt as `slackApiUrl`. */
  apiUrl: string;
  /** Every Web API call, oldest first; only those of `method` if given. */
  calls(method?: string): ApiCall[];
  /** Every post to a response URL, oldest first; only those to `id` if given. */
  responses(id?: string): ResponseUrlPost[];
  /** Every file posted to an upload URL, oldest first. */
  uploads(): FileUpload[];
  /** A response URL on the stand-in; posts to it are recorded under `id` (default a fresh one). */
  responseUrl(id?: string): string;
  /** The first recorded call to `method` (already or later). */
  waitFor(method: string, options?: WaitOptions): Promise<ApiCall>;
  /** The first record matching `predicate` (already or later). */
  waitFor<T extends Recorded>(
    predicate: (record: Recorded) => record is T,
    options?: WaitOptions,
  ): Promise<T>;
  waitFor(predicate: (record: Recorded) => boolean, options?: WaitOptions): Promise<Recorded>;
  /** The first post to response URL `id` (any response URL if omitted). */
  waitForResponse(id?: string, options?: WaitOptions): Promise<ResponseUrlPost>;
  /** Make the next `times` (default 1) calls of `method` fail as `failure` says. */
  fail(method: string, failure: Failure, options?: { times?: number }): void;
  /** Answer `method` with `answer` (until `reset()`), instead of the default. */
  answer(method: string, answer: Answer): void;
  /** Forget records, scripted failures and answers, and Socket Mode acks. Connections stay up. */
  reset(): void;
  /** Slack's side of Socket Mode. */
  socket: SocketModeStandIn;
  /** Close the server and every socket. Stop the app (or Socket Mode client) first, or it will try to reconnect. */
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Request parsing

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * @slack/web-api form-encodes every argument, JSON-encoding any that is not a string, number or boolean
 * (`blocks`, `view`, `attachments`, `metadata`…). Decode those back so tests can inspect them as objects.
 * `text` is left alone: it is always a string in Slack's API, even when it happens to look like JSON.
 */
function decodeJsonFields(args: Args): Args {
  const decoded: Args = {};
  for (const [key, value] of Object.entries(args)) {
    decoded[key] = value;
    if (typeof value !== "string" || key === "text" || !/^\s*[[{]/.test(value)) continue;
    try {
      decoded[key] = JSON.parse(value);
    } catch {
      // Not JSON after all: keep the string.
    }
  }
  return decoded;
}

async function parseArgs(req: IncomingMessage, url: URL): Promise<Args> {
  const args: Args = Object.fromEntries(url.searchParams);
  const raw = await readBody(req);
  if (raw.length === 0) return args;
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  if (contentType.startsWith("application/json")) {
    Object.assign(args, JSON.parse(raw.toString("utf8")));
  } else if (contentType.startsWith("multipart/form-data")) {
    // Only sent for binary uploads; the Fetch API's parser saves writing a multipart parser here.
    const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
    for (const [key, value] of form) {
      args[key] = typeof value === "string" ? value : { filename: value.name, size: value.size };
    }
  } else {
    Object.assign(args, Object.fromEntries(new URLSearchParams(raw.toString("utf8"))));
  }
  return decodeJsonFields(args);
}

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return match?.[1];
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/**
 * A file posted to an upload URL: the raw body, or the one file in a multipart form (how @slack/web-api sends it),
 * read with the platform's own form parser.
 */
async function uploadedBytes(req: IncomingMessage): Promise<Buffer> {
  const raw = await readBody(req);
  const type = String(req.headers["content-type"] ?? "");
  if (!type.startsWith("multipart/form-data")) return raw;
  const form = await new Response(raw, { headers: { "content-type": type } }).formData();
  for (const value of form.values()) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.from(String(form.values().next().value ?? ""), "utf8");
}

function summary(record: Recorded): string {
  const text =
    record.kind === "api"
      ? `${record.method} ${JSON.stringify(record.args)}`
      : record.kind === "upload"
        ? `upload/${record.fileId} ${record.bytes.length} bytes`
        : `respond/${record.id} ${JSON.stringify(record.body)}`;
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

// ---------------------------------------------------------------------------------------------------------------
// Default answers

/** Methods only an app-level token may call (and it may call nothing else). */
const APP_TOKEN_METHODS = new Set(["apps.connections.open", "apps.event.authorizations.list"]);

function str(value: unknown, fallback: string): string {
  return typeof value === "string" && value !== "" ? value : fallback;
}

function botMessage(args: Args, ts: string): Args {
  return {
    type: "message",
    user: BOT_USER_ID,
    bot_id: BOT_ID,
    app_id: APP_ID,
    team: TEAM_ID,
    text: str(args.text, ""),
    ts,
    ...(args.blocks ? { blocks: args.blocks } : {}),
    ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------

interface Script {
  failure: Failure;
  remaining: number;
}

interface RecordWaiter {
  match: (record: Recorded) => boolean;
  resolve: (record: Recorded) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export async function startSlack(options: StartSlackOptions = {}): Promise<FakeSlack> {
  const waitTimeoutMs = options.waitTimeoutMs ?? 5_000;
  const checkTokens = options.checkTokens ?? true;
  const records: Recorded[] = [];
  const scripts = new Map<string, Script[]>();
  const answers = new Map<string, Answer>();
  const waiters = new Set<RecordWaiter>();
  const socket = new SocketModeStandIn(options);
  let responseIds = 0;
  let uploads = 0;
  let url = "";

  function record(entry: Recorded): void {
    records.push(entry);
    for (const waiter of waiters) {
      if (!waiter.match(entry)) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(entry);
    }
  }

  function defaultResult(method: string, args: Args): Args {
    switch (method) {
      case "auth.test":
        return {
          url: `${url}/`,
          team: "Ombuds Test",
          user: "ombuds",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        const ts = freshTs();
        return { channel: args.channel, ts, message: botMessage(args, ts) };
      }
      case "chat.postEphemeral":
        return { message_ts: freshTs() };
      case "chat.update":
        return {
          channel: args.channel,
          ts: args.ts,
          text: str(args.text, ""),
          message: botMessage(args, String(args.ts)),
        };
      case "chat.delete":
        return { channel: args.channel, ts: args.ts };
      case "chat.getPermalink":
        return {
          channel: args.channel,
          permalink: `${url}/archives/${args.channel}/p${String(args.message_ts).replace(".", "")}`,
        };
      case "views.publish":
      case "views.open":
      case "views.update":
      case "views.push": {
        const view = (typeof args.view === "object" && args.view) || {};
        const type = method === "views.publish" ? "home" : "modal";
        return {
          view: {
            id: `V${randomUUID().slice(0, 8).toUpperCase()}`,
            team_id: TEAM_ID,
            type,
            ...view,
            app_id: APP_ID,
            bot_id: BOT_ID,
          },
        };
      }
      case "conversations.info": {
        const id = str(args.channel, CHANNEL_ID);
        const im = id.startsWith("D");
        return {
          channel: {
            id,
            name: im ? undefined : "general",
            is_channel: !im,
            is_group: false,
            is_im: im,
            is_private: im,
            is_archived: false,
            is_member: true,
            ...(im ? { user: `U${id.slice(1)}` } : {}),
          },
        };
      }
      case "conversations.open": {
        // One DM per user: U0OFFICER's is D0OFFICER, the channel the payload builders use for DMs.
        const user = str(args.users, USER_ID).split(",")[0] ?? USER_ID;
        return { channel: { id: `D${user.slice(1)}` } };
      }
      case "users.info": {
        const id = str(args.user, USER_ID);
        const name = id.toLowerCase();
        return {
          user: {
            id,
            team_id: TEAM_ID,
            name,
            real_name: `User ${id}`,
            tz: "Europe/London",
            tz_offset: 0,
            is_bot: false,
            deleted: false,
            profile: { display_name: name, real_name: `User ${id}`, email: `${name}@${TEAM_DOMAIN}.example` },
          },
        };
      }
      case "apps.connections.open":
        return { url: `${url.replace(/^http/, "ws")}/link?ticket=${socket.issueTicket()}` };
      case "files.getUploadURLExternal": {
        // Must point back here: the client POSTs the file to whatever upload_url says.
        uploads += 1;
        const file_id = `F${String(uploads).padStart(8, "0")}`;
        return { upload_url: `${url}/upload/${file_id}`, file_id };
      }
      case "files.completeUploadExternal":
        return { files: [] };
      default:
        return {};
    }
  }

  /** Slack's token rules, so a misconfigured app fails here as it would against Slack. */
  function tokenError(method: string, token: string | undefined, req: IncomingMessage): string | undefined {
    if (!checkTokens) return undefined;
    if (!token) return /^Basic\s/i.test(req.headers.authorization ?? "") ? undefined : "not_authed";
    if (APP_TOKEN_METHODS.has(method) !== token.startsWith("xapp-")) return "not_allowed_token_type";
    return undefined;
  }

  async function handleApi(
    method: string,
    req: IncomingMessage,
    res: ServerResponse,
    requestUrl: URL,
  ): Promise<void> {
    const parsed = await parseArgs(req, requestUrl);
    const { token: bodyToken, ...args } = parsed;
    const token = bearer(req) ?? (typeof bodyToken === "string" ? bodyToken : undefined);
    const at = Date.now();
    let status = 200;
    let result: Args;
    let headers: Record<string, string> = {};

    const queue = scripts.get(method);
    const script = queue?.[0];
    const denied = tokenError(method, token, req);
    if (script) {
      script.remaining -= 1;
      if (script.remaining <= 0) queue?.shift();
      if (isRateLimit(script.failure)) {
        status = 429;
        headers = { "Retry-After": String(script.failure.ratelimited.retryAfter) };
        result = { ok: false, error: "ratelimited" };
      } else {
        result = { ...script.failure, ok: false };
      }
    } else if (denied) {
      result = { ok: false, error: denied };
    } else {
      const answer = answers.get(method);
      const computed =
        answer === undefined
          ? defaultResult(method, args)
          : typeof answer === "function"
            ? answer({ method, args, token })
            : answer;
      result = "ok" in computed ? computed : { ok: true, ...computed };
    }
    record({ kind: "api", method, args, token, at, status, result });
    sendJson(res, status, result, headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = requestUrl.pathname;
    if (path.startsWith("/api/") && (req.method === "POST" || req.method === "GET")) {
      await handleApi(decodeURIComponent(path.slice("/api/".length)), req, res, requestUrl);
    } else if (path.startsWith("/respond/") && req.method === "POST") {
      const raw = (await readBody(req)).toString("utf8");
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // Keep the raw text: a test may want to see what was sent that was not JSON.
      }
      record({
        kind: "respond",
        id: decodeURIComponent(path.slice("/respond/".length)),
        body,
        at: Date.now(),
      });
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end("ok");
    } else if (path.startsWith("/upload/") && req.method === "POST") {
      const bytes = await uploadedBytes(req);
      record({
        kind: "upload",
        fileId: decodeURIComponent(path.slice("/upload/".length)),
        bytes,
        at: Date.now(),
      });
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(`OK - ${bytes.length}`);
    } else {
      sendJson(res, 404, { ok: false, error: "unknown_method" });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A malformed request from the code under test: say so loudly rather than hang the client.
      if (!res.headersSent)
        sendJson(res, 400, { ok: false, error: "invalid_request", detail: String(error) });
      else res.destroy();
    });
  });
  server.on("upgrade", (req, sock, head) => {
    if (!socket.handleUpgrade(req, sock, head))
      sock.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function waitFor(
    target: string | ((record: Recorded) => boolean),
    waitOptions: WaitOptions = {},
  ): Promise<Recorded> {
    const match =
      typeof target === "string" ? (r: Recorded) => r.kind === "api" && r.method === target : target;
    const label = typeof target === "string" ? target : "predicate";
    const found = records.find(match);
    if (found) return Promise.resolve(found);
    const timeoutMs = waitOptions.timeoutMs ?? waitTimeoutMs;
    return new Promise((resolve, reject) => {
      const waiter: RecordWaiter = {
        match,
        resolve,
        reject,
        timer: setTimeout(() => {
          waiters.delete(waiter);
          const seen = records.length ? records.map((r) => `  - ${summary(r)}`).join("\n") : "  (nothing)";
          reject(
            new Error(
              `Slack stand-in: waitFor(${label}) timed out after ${timeoutMs} ms; recorded:\n${seen}`,
            ),
          );
        }, timeoutMs),
      };
      waiters.add(waiter);
    });
  }

  return {
    url,
    apiUrl: `${url}/api/`,
    calls: (method) =>
      records.filter((r): r is ApiCall => r.kind === "api" && (method === undefined || r.method === method)),
    responses: (id) =>
      records.filter((r): r is ResponseUrlPost => r.kind === "respond" && (id === undefined || r.id === id)),
    uploads: () => records.filter((r): r is FileUpload => r.kind === "upload"),
    responseUrl: (id) => `${url}/respond/${encodeURIComponent(id ?? `r${++responseIds}`)}`,
    waitFor: waitFor as FakeSlack["waitFor"],
    waitForResponse: (id, waitOptions) =>
      waitFor(
        (r) => r.kind === "respond" && (id === undefined || r.id === id),
        waitOptions,
      ) as Promise<ResponseUrlPost>,
    fail(method, failure, failOptions = {}) {
      const queue = scripts.get(method) ?? [];
      queue.push({ failure, remaining: failOptions.times ?? 1 });
      scripts.set(method, queue);
    },
    answer(method, answer) {
      answers.set(method, answer);
    },
    reset() {
      records.length = 0;
      scripts.clear();
      answers.clear();
      socket.reset();
    },
    socket,
    async close() {
      const closing = new Error("Slack stand-in closed");
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(closing);
      }
      waiters.clear();
      await socket.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections from fetch would otherwise hold close() open until they idle out.
      server.closeAllConnections();
      await closed;
    },
  };
}
