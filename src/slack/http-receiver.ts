import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type App, HTTPReceiver, type HTTPReceiverOptions, type Receiver } from "@slack/bolt";
import type { Logger } from "../log.ts";
import { guardRequests, type HttpLimits } from "./http-guard.ts";

/**
 * Bolt's HTTPReceiver, behind a server of our own: Bolt's `start` builds a server with Node's defaults (no connection
 * bound, minutes for a request) and hands every request straight to its handler, so the server here is built with
 * the limits and puts `guardRequests` in front of Bolt's `requestListener`. Bolt still routes, checks signatures and
 * acks.
 */
export class GuardedHTTPReceiver implements Receiver {
  readonly #bolt: HTTPReceiver;
  readonly #limits: HttpLimits;
  readonly #logger: Logger;
  #server: Server | undefined;

  constructor(options: HTTPReceiverOptions, limits: HttpLimits, logger: Logger) {
    // Bolt's own cap too, should a request ever reach it unread.
    this.#bolt = new HTTPReceiver({ ...options, bodyLimit: limits.bodyBytes });
    this.#limits = limits;
    this.#logger = logger;
  }

  init(app: App): void {
    this.#bolt.init(app);
  }

  /** Listens on `port` (0: any free one) and resolves with the server once it is listening. */
  start(port: number): Promise<Server> {
    if (this.#server) return Promise.reject(new Error("the HTTP receiver is already started"));
    const limits = this.#limits;
    const guard = guardRequests(this.#bolt.requestListener, limits, this.#logger);
    const server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        // Node checks both timeouts on this interval (30 s by default, far coarser than they are).
        connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
      },
      guard,
    );
    server.maxConnections = limits.maxConnections;
    // Left to Node, "Expect: 100-continue" is answered before the guard has seen the headers.
    server.on("checkContinue", guard);
    this.#server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, () => {
        server.off("error", reject);
        // After start-up a server error (say, out of file descriptors) is logged; it never ends the process.
        server.on("error", (err) => this.#logger.error({ err }, "HTTP server error"));
        this.#logger.debug({ port: (server.address() as AddressInfo).port, limits }, "listening");
        resolve(server);
      });
    });
  }

  stop(): Promise<void> {
    const server = this.#server;
    if (!server) return Promise.reject(new Error("the HTTP receiver is not started"));
    this.#server = undefined;
    return new Promise((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      // Idle keep-alive connections would otherwise hold close() up until they time out.
      server.closeIdleConnections();
    });
  }
}
