import { createHmac } from "node:crypto";

/**
 * Request signing as Slack does it for HTTP apps: `X-Slack-Signature: v0=<hex HMAC-SHA256>` over
 * `v0:<timestamp>:<raw body>` with the app's signing secret, and the timestamp (whole seconds) in
 * `X-Slack-Request-Timestamp`. Bolt rejects a timestamp more than five minutes old.
 */

/** `v0=` + hex HMAC-SHA256 of `v0:${timestamp}:${body}`. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** Now, in the whole seconds Slack uses. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * How to spoil a request: `wrong-signature` signs with another secret; `stale` signs correctly but with a
 * timestamp six minutes old (past Bolt's five); `unsigned` sends neither header.
 */
export type Tamper = "wrong-signature" | "stale" | "unsigned";

export interface SignedRequestOptions {
  /** The raw body; it is sent, and signed, byte for byte. */
  body: string;
  contentType: string;
  secret: string;
  /** Seconds; default now. */
  timestamp?: number;
  /** Send this `X-Slack-Signature` instead of the computed one. */
  signature?: string;
  tamper?: Tamper;
  /** Slack's retry headers, sent when it redelivers an event it thinks was not acked in time. */
  retryNum?: number;
  retryReason?: "http_timeout" | "http_error" | "too_many_redirects" | "ssl_error" | "connection_failed";
  /** Ignored: lets a builder's result (`{ body, contentType, payload }`) be spread straight in. */
  payload?: unknown;
  envelopeType?: unknown;
}

export interface SignedRequest {
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

const STALE_SECONDS = 6 * 60;

/** Headers and body for a request signed as Slack signs it (or spoiled as `tamper` says). */
export function signedRequest(options: SignedRequestOptions): SignedRequest {
  const headers: Record<string, string> = {
    "Content-Type": options.contentType,
    "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    // One request per connection: Bolt's HTTPReceiver.stop() waits for idle keep-alive sockets to time out.
    Connection: "close",
  };
  if (options.retryNum !== undefined) headers["X-Slack-Retry-Num"] = String(options.retryNum);
  if (options.retryReason !== undefined) headers["X-Slack-Retry-Reason"] = options.retryReason;
  if (options.tamper !== "unsigned") {
    const timestamp = options.timestamp ?? nowSeconds() - (options.tamper === "stale" ? STALE_SECONDS : 0);
    const secret = options.tamper === "wrong-signature" ? `not-${options.secret}` : options.secret;
    headers["X-Slack-Request-Timestamp"] = String(timestamp);
    headers["X-Slack-Signature"] = options.signature ?? slackSignature(secret, timestamp, options.body);
  }
  return { method: "POST", headers, body: options.body };
}

/** POST a signed request (see `signedRequest`) to a Bolt HTTP endpoint, e.g. `http://127.0.0.1:<port>/slack/events`. */
export function postSigned(url: string, options: SignedRequestOptions): Promise<Response> {
  return fetch(url, { ...signedRequest(options), signal: AbortSignal.timeout(10_000) });
}
