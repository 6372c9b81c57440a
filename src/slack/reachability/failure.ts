/**
 * Why a call to Slack failed, in the operator's words: "connection refused", "DNS lookup failed", "HTTP 503
 * Service Unavailable", "Slack refused the token". The SDKs say "fetch failed" whatever happened, which names
 * neither the fault nor what to do; the reason is in the error's cause, sometimes several causes deep.
 */
export interface Failure {
  /** Short words for the log line. */
  reason: string;
  /** What the reason was read from (ECONNREFUSED, ENOTFOUND, 503, invalid_auth…), for the structured log. */
  code: string;
  /**
   * Retrying cannot mend it: a person must change a setting. `token`: Slack refused the token itself; `address`:
   * nothing will ever be sent to that address (a port fetch refuses to use).
   */
  permanent?: "token" | "address";
}

/** Slack's answers to a token that no retry will change: the operator must mend the token or the app. */
const REFUSED: Record<string, string> = {
  not_authed: "no token was sent",
  invalid_auth: "the token is not valid",
  account_inactive: "the token belongs to a deactivated app or user",
  token_revoked: "the token has been revoked",
  token_expired: "the token has expired",
  user_removed_from_team: "the app was removed from the workspace",
  team_disabled: "the workspace has been disabled",
  not_allowed_token_type: "it is the wrong kind of token for this call",
  missing_scope: "the token lacks a scope this call needs",
  no_permission: "the token has no permission for this call",
};

/** System and undici error codes, by what they mean to someone mending a network. */
const NETWORK: Record<string, string> = {
  ENOTFOUND: "DNS lookup failed (no such host)",
  EAI_AGAIN: "DNS lookup failed (temporary failure)",
  EAI_FAIL: "DNS lookup failed",
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  ECONNABORTED: "connection aborted",
  ETIMEDOUT: "timed out",
  UND_ERR_CONNECT_TIMEOUT: "timed out connecting",
  UND_ERR_HEADERS_TIMEOUT: "timed out waiting for an answer",
  UND_ERR_BODY_TIMEOUT: "timed out reading the answer",
  UND_ERR_SOCKET: "the connection was closed by the other side",
  ENETUNREACH: "network unreachable",
  ENETDOWN: "network down",
  EHOSTUNREACH: "host unreachable",
  EHOSTDOWN: "host down",
};

/** At most this much of any message the error brings, so that no answer from a stranger floods the log. */
const MAX_DETAIL = 200;

export function bounded(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  original?: unknown;
  errors?: unknown;
  statusCode?: unknown;
  statusMessage?: unknown;
  retryAfter?: unknown;
  data?: { error?: unknown };
}

/**
 * The error and the ones behind it, nearest first: @slack/web-api wraps fetch's error as `original`, fetch puts the
 * system's in `cause`, and a host with several addresses fails with an AggregateError of one per address.
 */
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 10) {
    const next = queue.shift();
    if (typeof next !== "object" || next === null || out.includes(next as ErrorLike)) continue;
    const e = next as ErrorLike;
    out.push(e);
    queue.push(e.original, e.cause, ...(Array.isArray(e.errors) ? e.errors : []));
  }
  return out;
}

function tls(code: string): boolean {
  return (
    /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_(GET|VERIFY|DECRYPT)|DEPTH_ZERO|SELF_SIGNED)/.test(code) ||
    code === "HOSTNAME_MISMATCH"
  );
}

/** Why a connection failed, from the first error in the chain that carries a code or says it timed out. */
export function networkFailure(error: unknown): Failure | null {
  for (const e of chain(error)) {
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && NETWORK[code]) return { reason: NETWORK[code], code };
    if (code && tls(code)) return { reason: `TLS failed (${code})`, code };
    if (e.name === "TimeoutError" || e.name === "AbortError") return { reason: "timed out", code: "timeout" };
    // fetch refuses some ports outright (the spec's "bad ports": 6000, 6667…); no retry will ever send a byte.
    if (e.message === "bad port")
      return {
        reason: "fetch never connects to that port (a blocked port: choose another)",
        code: "bad_port",
        permanent: "address",
      };
  }
  return null;
}

/**
 * Why a Web API call failed: the network, an HTTP status, a rate limit, or Slack's own refusal. Null for anything
 * else, which is not about reaching Slack (a bug keeps its stack trace).
 */
export function callFailure(error: unknown): Failure | null {
  const e = (error ?? {}) as ErrorLike;
  switch (e.code) {
    case "slack_webapi_platform_error": {
      const code = typeof e.data?.error === "string" ? e.data.error : "unknown_error";
      const refused = REFUSED[code];
      return refused
        ? { reason: `${refused} (${code})`, code, permanent: "token" }
        : { reason: `Slack answered "${bounded(code)}"`, code };
    }
    case "slack_webapi_http_error": {
      const status = typeof e.statusCode === "number" ? e.statusCode : 0;
      const text =
        typeof e.statusMessage === "string" && e.statusMessage ? ` ${bounded(e.statusMessage)}` : "";
      return { reason: `HTTP ${status}${text}`, code: String(status) };
    }
    case "slack_webapi_rate_limited_error":
      return { reason: "rate limited", code: "ratelimited" };
    case "slack_webapi_request_error":
      return (
        networkFailure(error) ?? {
          reason: bounded(
            String((e.original as ErrorLike | undefined)?.message ?? e.message ?? "request failed"),
          ),
          code: "request_error",
        }
      );
    default:
      return networkFailure(error);
  }
}

/** An HTTP status Slack's Web API answers only when something is wrong between us and it (it says 200 to errors). */
export function statusFailure(status: number, statusText: string): Failure | null {
  if (status === 200 || status === 429) return null;
  return { reason: `HTTP ${status}${statusText ? ` ${bounded(statusText)}` : ""}`, code: String(status) };
}
