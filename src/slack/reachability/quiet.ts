/**
 * Lines from @slack/web-api and @slack/socket-mode that the watch says better: each failed attempt to reach
 * Slack, which they log every time and without the host or the real reason ("http request failed fetch failed").
 * With the watch installed these are written at debug; every other line of theirs, any new kind of error
 * included, is written as they wrote it.
 */
const REPORTED = [
  // @slack/web-api, on each failed attempt of a call: the watched fetch, sign-in and keepConnected report it.
  /^http request failed\b/,
  // @slack/socket-mode, when apps.connections.open failed: keepConnected reports why, or stops on a refusal.
  /^Failed to retrieve a new WSS URL\b/,
  // @slack/socket-mode, when the WebSocket failed (twice over, with no reason): keepConnected probes the host.
  /^WebSocket error occurred\b/,
  /^WebSocket error!/,
];

export function reportedByWatch(message: string): boolean {
  return REPORTED.some((pattern) => pattern.test(message));
}
