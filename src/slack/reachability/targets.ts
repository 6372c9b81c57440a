import type { Target } from "./watch.ts";

/** Where the Web API client sends calls when SLACK_API_URL is not set (the client's own default). */
export const SLACK_API_URL = "https://slack.com/api/";

/** Slack's Web API, named by the host in SLACK_API_URL (slack.com unless it is set). */
export function apiTarget(apiUrl: string = SLACK_API_URL): Target {
  return { name: "Slack's Web API", host: new URL(apiUrl).host };
}

/** The Socket Mode WebSocket, named by the host `apps.connections.open` handed out (wss-primary.slack.com…). */
export function socketTarget(url: string): Target {
  return { name: "Slack's Socket Mode WebSocket", host: new URL(url).host };
}
