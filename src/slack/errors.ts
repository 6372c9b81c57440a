import { PostFailure } from "../digest/post-failure.ts";

/**
 * Errors that retrying will not mend: someone must act (invite the bot, unarchive or pick another channel, fix the
 * token or its scopes). Rate limits and network failures are not here: the Web API client retries those itself.
 */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "restricted_action",
  "msg_too_long",
  "invalid_auth",
  "account_inactive",
  "missing_scope",
]);

/**
 * What a Web API error means for us, for the digest run and for the listeners alike: Slack's own code when Slack
 * refused ("not_in_channel"), else the client's code or message, and whether retrying could mend it.
 */
export function slackFailure(error: unknown): PostFailure {
  if (error instanceof PostFailure) return error;
  const e = error as { code?: unknown; message?: unknown; data?: { error?: unknown } } | null | undefined;
  if (e?.code === "slack_webapi_platform_error") {
    const code = typeof e.data?.error === "string" ? e.data.error : "unknown_error";
    return new PostFailure(code, PERMANENT.has(code), { cause: error });
  }
  const code =
    typeof e?.code === "string" ? e.code : typeof e?.message === "string" ? e.message : String(error);
  return new PostFailure(code, false, { cause: error });
}
