/** What the Slack Web API's errors mean for us: shared by replies and by the digest. */

/** The Web API's own error code ("not_in_channel", "channel_not_found"), when the error is one. */
export function platformError(error: unknown): string | null {
  const e = error as { code?: string; data?: { error?: string } };
  return e?.code === "slack_webapi_platform_error" ? (e.data?.error ?? "unknown_error") : null;
}

/** The platform code, or else the error's own code or message, for logs and records. */
export function errorCode(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return platformError(error) ?? e?.code ?? e?.message ?? String(error);
}

/**
 * Errors that retrying will not mend: someone must act (invite the bot, unarchive or pick another channel, fix the
 * token or its scopes). Rate limits and network failures are not here: the Web API client retries those itself.
 */
export const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "restricted_action",
  "msg_too_long",
  "invalid_auth",
  "account_inactive",
  "missing_scope",
]);
