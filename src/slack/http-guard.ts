import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPModuleFunctions, HTTPReceiverDeferredRequestError } from "@slack/bolt";
import type { Logger } from "../log.ts";

/** What the HTTP mode accepts. `HTTP_LIMITS` are the bot's; tests pass small ones so they stay fast. */
export interface HttpLimits {
  /** The largest body of a request carrying Slack's signature headers (Slack's payloads are a few KB). */
  bodyBytes: number;
  /**
   * The largest body of a request without them: the only such request Slack sends is its `ssl_check`, a few bytes,
   * so an unsigned flood costs next to nothing to read.
   */
  unsignedBodyBytes: number;
  /** Body bytes held at once over all requests being read; past it a request is refused with 503. */
  pendingBodyBytes: number;
  /** How far `X-Slack-Request-Timestamp` may be from now, either way. */
  timestampSkewSeconds: number;
  /** Time allowed for a request's headers (counted from the connection for its first request). */
  headersTimeoutMs: number;
  /** Time allowed for a whole request, headers and body: a body trickled slower than this is cut off (408). */
  requestTimeoutMs: number;
  /**
   * Open connections at once; Node closes any beyond it as soon as it is accepted. It bounds file descriptors, not
   * memory (bodies are bounded by the byte limits), so it sits well above what a flood of a few hundred connections
   * needs, leaving room for Slack's own requests beside them: a real request refused for want of a slot is lost.
   */
  maxConnections: number;
}

export const HTTP_LIMITS: HttpLimits = {
  bodyBytes: 1024 * 1024,
  unsignedBodyBytes: 4 * 1024,
  pendingBodyBytes: 16 * 1024 * 1024,
  timestampSkewSeconds: 5 * 60,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  maxConnections: 1000,
};

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The checks a request passes before Bolt sees it, each of which Bolt lacks or gets wrong: a timestamp window on both
 * sides (Bolt only refuses old ones), a body cap enforced as the bytes arrive (nothing past the cap is buffered), a
 * bound on body bytes held at once, and a body that parses to an object (Bolt reads `body.ssl_check` outside its
 * error handling, so `null` would end the process). The body is read here and handed on as `rawBody`, which Bolt
 * uses instead of reading the stream; the signature is still Bolt's to check. The timeouts and the connection
 * bound are the server's (see `GuardedHTTPReceiver`).
 */
export function guardRequests(next: RequestHandler, limits: HttpLimits, logger: Logger): RequestHandler {
  let pending = 0;
  return (req, res) => {
    const refuse = (status: number, why: string) => {
      logger.warn(
        { status, why, from: req.socket.remoteAddress, url: req.url?.slice(0, 200) },
        "refused a request",
      );
      if (!res.headersSent) res.writeHead(status, { connection: "close", "content-length": 0 });
      // Whatever is left of the body is not worth reading: close the connection once the answer is out.
      res.end(() => req.socket.destroy());
    };
    const timestamp = req.headers["x-slack-request-timestamp"];
    const signed = timestamp !== undefined || req.headers["x-slack-signature"] !== undefined;
    if (timestamp !== undefined && !withinSkew(timestamp, limits.timestampSkewSeconds)) {
      return refuse(401, "timestamp outside the window");
    }
    const cap = signed ? limits.bodyBytes : limits.unsignedBodyBytes;
    if (Number(req.headers["content-length"] ?? 0) > cap) return refuse(413, "body over the cap");
    // A client that asked first (the server routes its request here too) sends the body only once told to.
    if (req.headers.expect?.toLowerCase() === "100-continue") res.writeContinue();

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return false;
      done = true;
      pending -= size;
      req.off("data", onData);
      return true;
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      pending += chunk.length;
      if (size > cap) {
        if (finish()) refuse(413, "body over the cap");
      } else if (pending > limits.pendingBodyBytes) {
        if (finish()) refuse(503, "too many bodies being read at once");
      } else chunks.push(chunk);
    };
    req.on("data", onData);
    // The server's request timeout or the client going away: nothing to answer, only the count to give back.
    req.once("error", finish);
    req.once("close", finish);
    req.once("end", () => {
      if (!finish()) return;
      const buffered = Object.assign(req, { rawBody: Buffer.concat(chunks, size) });
      if (!parsesToObject(buffered)) return refuse(400, "body is not an object");
      try {
        next(buffered, res);
      } catch (error) {
        // Bolt routes synchronously and throws for a path it does not serve (or a target it cannot read as a URL).
        const unserved = error instanceof HTTPReceiverDeferredRequestError;
        if (unserved) logger.info({ method: req.method, url: req.url?.slice(0, 200) }, "no such endpoint");
        else logger.error({ err: error, url: req.url?.slice(0, 200) }, "could not dispatch a request");
        if (!res.headersSent) res.writeHead(unserved ? 404 : 500, { "content-length": 0 });
        res.end();
      }
    });
  };
}

/** Whether `header` (whole seconds, as Slack sends it) is within `skew` seconds of now, before or after. */
function withinSkew(header: string | string[], skew: number): boolean {
  const seconds = typeof header === "string" && /^\d{1,12}$/.test(header) ? Number(header) : Number.NaN;
  return Math.abs(Date.now() / 1000 - seconds) <= skew;
}

/**
 * Whether Bolt's own parse of the body gives an object, the only thing Slack sends. A body Bolt cannot parse at all
 * passes: Bolt refuses it (401 unsigned, else 400) inside its error handling.
 */
function parsesToObject(req: IncomingMessage & { rawBody: Buffer }): boolean {
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch {
    return true;
  }
  return typeof body === "object" && body !== null && !Array.isArray(body);
}
