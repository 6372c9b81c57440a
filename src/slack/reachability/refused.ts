import type { Failure } from "./failure.ts";

/**
 * Slack, or the address it is reached at, refused in a way no retry can mend: the bot stops, and says why in one
 * line (`ombuds: Slack: <message>`) rather than retrying forever what only the operator can fix.
 */
export class SlackRefused extends Error {
  override readonly name = "SlackRefused";

  constructor(
    /** What to mend: the variable whose value was refused. */
    readonly variable: string,
    readonly failure: Failure,
    /** Where it was sent, for a refusal of the address itself. */
    host?: string,
  ) {
    super(
      failure.permanent === "token"
        ? `${variable} was refused: ${failure.reason}`
        : `${variable} cannot be used${host ? ` (${host})` : ""}: ${failure.reason}`,
    );
  }
}

/** The refusal a permanent failure means, blaming the token that was sent or else the API's address. */
export function refusal(failure: Failure, tokenVariable: string, host?: string): SlackRefused | null {
  if (!failure.permanent) return null;
  return failure.permanent === "token"
    ? new SlackRefused(tokenVariable, failure)
    : new SlackRefused("SLACK_API_URL", failure, host);
}
