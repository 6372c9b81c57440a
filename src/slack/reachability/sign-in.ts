import { WebClient } from "@slack/web-api";
import { type Logger, slackLogger } from "../../log.ts";
import { type BackoffTimings, backoff, pause } from "./backoff.ts";
import { callFailure } from "./failure.ts";
import { reportedByWatch } from "./quiet.ts";
import { refusal } from "./refused.ts";
import { apiTarget, SLACK_API_URL } from "./targets.ts";
import type { Watch } from "./watch.ts";

/** Who the bot token says the bot is: Bolt needs these to tell the bot's own messages from others'. */
export interface Identity {
  botId?: string;
  botUserId?: string;
}

export interface SignInOptions {
  botToken: string;
  apiUrl?: string;
  watch: Watch;
  timings: BackoffTimings;
  logger: Logger;
  /** Stop trying (the bot is stopping): resolves null. */
  signal?: AbortSignal;
}

/**
 * `auth.test` with the bot token, until Slack answers. The start-up policy: while Slack cannot be reached, keep
 * trying with backoff (a service manager would only restart the bot to try again); when Slack refuses the token
 * (invalid_auth, not_authed, account_inactive…), throw `SlackRefused` at once, since no retry can mend that.
 *
 * Bolt would make this call itself, on its Web API client's schedule (ten retries over half an hour, a warning for
 * each, then an unhandled rejection), so the bot makes it here and hands Bolt the answer.
 */
export async function signIn(options: SignInOptions): Promise<Identity | null> {
  const apiUrl = options.apiUrl ?? SLACK_API_URL;
  const target = apiTarget(apiUrl);
  // One attempt per call: the loop below does the waiting, so that the watch sees every attempt.
  const client = new WebClient(options.botToken, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: slackLogger(options.logger, reportedByWatch),
  });
  const delays = backoff(options.timings);
  for (;;) {
    try {
      const result = await client.auth.test();
      options.watch.reached(target);
      return {
        ...(result.bot_id ? { botId: result.bot_id } : {}),
        ...(result.user_id ? { botUserId: result.user_id } : {}),
      };
    } catch (error) {
      const failure = callFailure(error);
      if (!failure) throw error;
      const refused = refusal(failure, "SLACK_BOT_TOKEN", target.host);
      if (refused) throw refused;
      options.watch.failed(target, failure);
      const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
      const wait = Math.max(delays.next(), typeof retryAfter === "number" ? retryAfter * 1000 : 0);
      options.logger.debug({ host: target.host, waitMs: wait }, "auth.test failed; trying again");
      await pause(wait, options.signal);
      if (options.signal?.aborted) return null;
    }
  }
}
