import { networkFailure, statusFailure } from "./failure.ts";
import { apiTarget } from "./targets.ts";
import type { Watch } from "./watch.ts";

/**
 * The Web API clients' fetch, watched: every call's outcome goes to the watch, so that a post that cannot reach
 * Slack while the bot runs is named once, with its host and reason, instead of the client's "http request failed
 * fetch failed" on each of its retries. Calls to other hosts (uploads, response URLs) are passed through as they
 * are: only the Web API's reachability is watched.
 */
export function watchedFetch(
  apiUrl: string,
  watch: Watch,
  base: typeof fetch = globalThis.fetch,
): typeof fetch {
  const target = apiTarget(apiUrl);
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(apiUrl)) return base(input, init);
    try {
      const response = await base(input, init);
      const failure = statusFailure(response.status, response.statusText);
      if (failure) watch.failed(target, failure);
      else watch.reached(target);
      return response;
    } catch (error) {
      // Only what the network says; anything else is the caller's to report, as it was before the watch.
      const failure = networkFailure(error);
      if (failure) watch.failed(target, failure);
      throw error;
    }
  };
}
