import type { Server } from "node:http";
import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { SlackSettings } from "../config.ts";
import { slackLogger } from "../log.ts";
import type { SlackDeps } from "./dependencies.ts";
import { registerListeners } from "./listeners/index.ts";

export interface SlackApp {
  app: App;
  /** Connects (Socket Mode) or listens (HTTP); resolves with the HTTP port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

/**
 * The Bolt app over Socket Mode or HTTP. `SLACK_API_URL` is given both to the Web API client and, in Socket Mode,
 * to the Socket Mode client (which opens its connection with its own Web API call), so that a stand-in for Slack
 * is never bypassed.
 */
export interface Tuning {
  /** Socket Mode: how long to wait for a pong, which also paces reconnects (the client's default is 5 s). */
  clientPingTimeout?: number;
}

export function createSlackApp(settings: SlackSettings, deps: SlackDeps, tuning: Tuning = {}): SlackApp {
  const logger = slackLogger(deps.logger);
  const clientOptions = settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {};
  const receiver =
    settings.mode === "socket"
      ? new SocketModeReceiver({
          appToken: settings.appToken,
          logger,
          installerOptions: { clientOptions },
          ...(tuning.clientPingTimeout ? { clientPingTimeout: tuning.clientPingTimeout } : {}),
        })
      : new HTTPReceiver({
          signingSecret: settings.signingSecret,
          endpoints: "/slack/events",
          logger,
          // Ack first, answer after: the HTTP response (the ack) never waits for the answer.
          processBeforeResponse: false,
        });
  const app = new App({ token: settings.botToken, receiver, logger, clientOptions, ignoreSelf: true });
  registerListeners(app, deps);
  app.error(async (error) => {
    deps.logger.error({ err: error }, "unhandled error in a Slack listener");
  });

  return {
    app,
    async start() {
      if (settings.mode === "http") {
        const server = (await app.start(settings.port)) as Server;
        const address = server.address();
        return { port: typeof address === "object" && address ? address.port : settings.port };
      }
      await app.start();
      return {};
    },
    stop: () => app.stop() as Promise<void>,
  };
}
