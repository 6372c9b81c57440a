import type { SocketModeClient } from "@slack/socket-mode";
import type { Logger } from "../../log.ts";
import { type BackoffTimings, backoff, pause } from "./backoff.ts";
import { bounded, callFailure, type Failure } from "./failure.ts";
import { probe } from "./probe.ts";
import { refusal, type SlackRefused } from "./refused.ts";
import { apiTarget, socketTarget } from "./targets.ts";
import type { Target, Watch } from "./watch.ts";

export interface KeepConnectedOptions {
  /** Bolt's Socket Mode client, made with `autoReconnectEnabled: false`: this decides when it reconnects. */
  client: SocketModeClient;
  /** Opens one connection (`apps.connections.open`, then the WebSocket): resolves at Slack's hello, else rejects. */
  connect: () => Promise<unknown>;
  apiUrl?: string;
  watch: Watch;
  timings: BackoffTimings;
  logger: Logger;
}

export interface Connection {
  /** The first connection is up. */
  connected: Promise<void>;
  /** No more connecting: null once stopped, or why Slack refused the app token (then the bot must stop). */
  ended: Promise<SlackRefused | null>;
  /** Stop reconnecting; the caller then disconnects the client (Bolt's `app.stop()`). */
  stop(): void;
}

/**
 * Keeps the Socket Mode connection up, with the backoff of `timings`. The client's own reconnecting waits 5 s
 * times the failures in a row, a count that starts again whenever `apps.connections.open` answers, so a WebSocket
 * host that cannot be reached is tried every 5 s for ever, with two error lines each time and no reason given.
 * Here every failed attempt goes to the watch (which names the host and the reason once), the wait doubles up to
 * `maxMs`, and a refused app token ends it, since no retry can mend that.
 *
 * A connection that closes after being up for `maxMs` or more (Slack moves connections every few hours) is
 * reopened at once; one that closes sooner waits its turn in the backoff, so that a connection that keeps
 * dropping straight after its hello is not reopened in a tight loop.
 */
export function keepConnected(options: KeepConnectedOptions): Connection {
  const { client, watch, logger, timings } = options;
  const api = apiTarget(options.apiUrl);
  const stopping = new AbortController();
  const delays = backoff(timings);
  /** The WebSocket URL the latest `apps.connections.open` handed out, and the error the WebSocket gave, if any. */
  let url: string | undefined;
  let socketError: unknown;
  /** Socket targets that failed, so that whichever host the next connection uses says they are reached. */
  const failedSockets = new Map<string, Target>();
  let onClosed: (() => void) | undefined;

  client.on("authenticated", (response: { url?: string }) => {
    url = response.url;
    watch.reached(api);
  });
  client.on("error", (error: unknown) => {
    socketError = error;
  });
  client.on("disconnected", () => onClosed?.());

  let firstUp: () => void = () => {};
  const connected = new Promise<void>((resolve) => {
    firstUp = resolve;
  });

  /** What a failed attempt means: reported to the watch, or the refusal that ends the keeping. */
  async function failed(error: unknown): Promise<SlackRefused | null> {
    if (url !== undefined && (error === undefined || socketError !== undefined)) {
      // apps.connections.open answered; the WebSocket then failed, and its error says nothing of why.
      const target = socketTarget(url);
      failedSockets.set(target.host, target);
      watch.failed(target, await probe(url));
      return null;
    }
    // Never swallow a new kind of error: what is not a known way of failing to reach Slack is reported in its words.
    const failure: Failure = callFailure(error) ?? {
      reason: bounded(error instanceof Error ? error.message : String(error)),
      code: "error",
    };
    const refused = refusal(failure, "SLACK_APP_TOKEN", api.host);
    if (refused) return refused;
    watch.failed(api, failure);
    return null;
  }

  async function run(): Promise<SlackRefused | null> {
    while (!stopping.signal.aborted) {
      url = undefined;
      socketError = undefined;
      try {
        await options.connect();
      } catch (error) {
        if (stopping.signal.aborted) break;
        const refused = await failed(error);
        if (refused) return refused;
        const wait = delays.next();
        logger.debug({ waitMs: wait }, "Socket Mode connection failed; trying again");
        await pause(wait, stopping.signal);
        continue;
      }
      if (stopping.signal.aborted) {
        // Connected as the bot was stopping: close what was just opened, or it would hold the process open.
        await client.disconnect();
        break;
      }
      for (const target of failedSockets.values()) watch.reached(target);
      failedSockets.clear();
      if (url !== undefined) watch.reached(socketTarget(url));
      firstUp();
      const upAt = Date.now();
      socketError = undefined;
      await Promise.race([
        new Promise<void>((resolve) => {
          onClosed = resolve;
        }),
        new Promise<void>((resolve) =>
          stopping.signal.addEventListener("abort", () => resolve(), { once: true }),
        ),
      ]);
      onClosed = undefined;
      if (stopping.signal.aborted) break;
      const host = url === undefined ? undefined : socketTarget(url).host;
      if (socketError !== undefined)
        logger.info({ host }, "the Socket Mode connection was lost; reconnecting");
      else logger.debug({ host }, "the Socket Mode connection closed; reconnecting");
      if (Date.now() - upAt >= timings.maxMs) delays.reset();
      else await pause(delays.next(), stopping.signal);
    }
    return null;
  }

  return {
    connected,
    ended: run(),
    stop: () => stopping.abort(),
  };
}
