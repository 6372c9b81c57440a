import type { Server } from "node:http";
import { App, SocketModeReceiver } from "@slack/bolt";
import type { SlackSettings } from "../config.ts";
import { slackLogger } from "../log.ts";
import type { SlackDeps } from "./dependencies.ts";
import { HTTP_LIMITS, type HttpLimits } from "./http-guard.ts";
import { GuardedHTTPReceiver } from "./http-receiver.ts";
import { registerListeners } from "./listeners/index.ts";
import type { Watching } from "./reachability/watching.ts";

export interface SlackApp {
  app: App;
  /** Connects (Socket Mode) or listens (HTTP); resolves with the HTTP port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
  /** Socket Mode: the client, for src/slack/reachability/socket.ts to keep connected. */
  socket?: SocketModeReceiver["client"];
}

/**
 * The Bolt app over Socket Mode or HTTP. `SLACK_API_URL` is given both to the Web API client and, in Socket Mode,
 * to the Socket Mode client (which opens its connection with its own Web API call), so that a stand-in for Slack
 * is never bypassed.
 */
export interface Tuning {
  /** Socket Mode: how long to wait for a pong, which also paces reconnects (the client's default is 5 s). */
  clientPingTimeout?: number;
  /** HTTP mode: the body caps, timeouts and connection bound, in place of `HTTP_LIMITS` (tests make them small). */
  httpLimits?: Partial<HttpLimits>;
  /** Slack's reachability, watched (src/slack/reachability/): failures said once, reconnecting left to the watch. */
  watching?: Watching;
}

export function createSlackApp(settings: SlackSettings, deps: SlackDeps, tuning: Tuning = {}): SlackApp {
  const { watching } = tuning;
  const logger = slackLogger(deps.logger, watching?.reported);
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    ...watching?.clientOptions,
  };
  const receiver =
    settings.mode === "socket"
      ? new SocketModeReceiver({
          appToken: settings.appToken,
          logger,
          // A copy: the client writes its retry policy into its options, which Bolt's client would otherwise share.
          installerOptions: { clientOptions: { ...clientOptions, ...watching?.socketClientOptions } },
          ...(watching ? { autoReconnectEnabled: false } : {}),
          ...(tuning.clientPingTimeout ? { clientPingTimeout: tuning.clientPingTimeout } : {}),
        })
      : new GuardedHTTPReceiver(
          {
            signingSecret: settings.signingSecret,
            endpoints: "/slack/events",
            logger,
            // Ack first, answer after: the HTTP response (the ack) never waits for the answer.
            processBeforeResponse: false,
          },
          { ...HTTP_LIMITS, ...tuning.httpLimits },
          deps.logger,
        );
  const app = new App({
    token: settings.botToken,
    receiver,
    logger,
    clientOptions,
    ignoreSelf: true,
    ...watching?.bot,
  });
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
    ...(receiver instanceof SocketModeReceiver ? { socket: receiver.client } : {}),
  };
}
