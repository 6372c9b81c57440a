import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { APP_ID, type EnvelopeType, type SlackRequest } from "./payloads.ts";

/**
 * Slack's side of Socket Mode. The app calls `apps.connections.open` (Web API, app-level token) and gets a
 * single-use `wss://…/link?ticket=…` URL; it opens a WebSocket there and waits for `hello` before it counts
 * itself connected. Slack then pushes envelopes; the app acks each with `{ envelope_id, payload }` on the same
 * socket. To move a connection, Slack sends `{ type: "disconnect" }`; the client closes and starts over with a
 * fresh `apps.connections.open`.
 */

export interface Envelope {
  envelope_id: string;
  type: EnvelopeType | (string & {});
  payload: unknown;
  accepts_response_payload: boolean;
  /** Events API envelopes only: how many times Slack has redelivered this event. */
  retry_attempt?: number;
  retry_reason?: string;
}

/** What the client sent back for an envelope; @slack/socket-mode 3 always sends a `payload` (`{}` for a bare ack). */
export interface Ack {
  envelope_id: string;
  payload?: unknown;
  at: number;
}

export type EnvelopeInput = Partial<Envelope> & { type: Envelope["type"]; payload: unknown };

export interface SocketModeOptions {
  /**
   * How long `connected()` and `send()` wait for a client to be connected. Default 10 s: after a disconnect,
   * @slack/socket-mode waits `clientPingTimeout` (default 5 s) before it reconnects.
   */
  connectTimeoutMs?: number;
  /** How long `send()` waits for the ack. Default 5 s (Slack itself gives up after 3 s and redelivers). */
  ackTimeoutMs?: number;
}

const DEBUG_HOST = "applink-standin";

/**
 * Whether the ack may carry the response, per type: yes for slash commands (the ack text is the reply) and for
 * the interactions whose answer is the ack itself (a modal's response_action, a select menu's options); no for
 * events and button clicks.
 */
function acceptsResponsePayload(type: string, payload: unknown): boolean {
  if (type === "slash_commands") return true;
  if (type !== "interactive") return false;
  const kind = (payload as { type?: unknown } | null)?.type;
  return kind === "view_submission" || kind === "block_suggestion";
}

function isSlackRequest(input: EnvelopeInput | SlackRequest<object>): input is SlackRequest<object> {
  return "contentType" in input && "body" in input;
}

/** The envelope Slack would wrap around `request`'s payload (plus any fields in `extra`). */
export function toEnvelope(request: SlackRequest<object>, extra: Partial<Envelope> = {}): Envelope {
  if (!request.envelopeType) throw new Error("this payload does not travel over Socket Mode (HTTP only)");
  return completeEnvelope({ type: request.envelopeType, payload: request.payload, ...extra });
}

function completeEnvelope(input: EnvelopeInput): Envelope {
  return {
    envelope_id: input.envelope_id ?? randomUUID(),
    type: input.type,
    payload: input.payload,
    accepts_response_payload:
      input.accepts_response_payload ?? acceptsResponsePayload(input.type, input.payload),
    // Slack sends these two on every events_api envelope; the client passes them to Bolt as retryNum/retryReason.
    ...(input.type === "events_api"
      ? { retry_attempt: input.retry_attempt ?? 0, retry_reason: input.retry_reason ?? "" }
      : {}),
  };
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class SocketModeStandIn {
  /** How many times a client has connected (and been sent `hello`). */
  connections = 0;
  /** Every ack received, in order. */
  readonly acks: Ack[] = [];
  /** Every envelope sent, in order. */
  readonly sent: Envelope[] = [];

  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private nextTicket = 1;
  /** Sockets that have had `hello`, newest last; envelopes go to the newest. Cleared of a socket as soon as it is told to go. */
  private readonly live: WebSocket[] = [];
  private readonly pendingAcks = new Map<string, Waiter<Ack>>();
  private readonly connectWaiters = new Set<Waiter<void>>();
  private readonly connectTimeoutMs: number;
  private readonly ackTimeoutMs: number;

  constructor(options: SocketModeOptions = {}) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
  }

  /** A fresh single-use ticket for the URL `apps.connections.open` hands out. */
  issueTicket(): string {
    const ticket = String(this.nextTicket++);
    this.tickets.add(ticket);
    return ticket;
  }

  /** Take an HTTP upgrade if it is for `/link` with a ticket we issued; false if it is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/link") return false;
    const ticket = url.searchParams.get("ticket") ?? "";
    if (!this.tickets.delete(ticket)) {
      // Tickets are single use, as Slack's are: a client that reuses an old URL instead of calling
      // apps.connections.open again is refused here, not silently accepted.
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
    return true;
  }

  private onConnection(ws: WebSocket): void {
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      let message: { envelope_id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof message.envelope_id !== "string") return;
      const ack: Ack = { envelope_id: message.envelope_id, at: Date.now() };
      if ("payload" in message) ack.payload = message.payload;
      this.acks.push(ack);
      const waiter = this.pendingAcks.get(ack.envelope_id);
      if (waiter) {
        this.pendingAcks.delete(ack.envelope_id);
        clearTimeout(waiter.timer);
        waiter.resolve(ack);
      }
    });
    ws.on("close", () => this.forget(ws));
    ws.on("error", () => this.forget(ws));

    this.live.push(ws);
    this.connections += 1;
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: this.live.length,
        debug_info: { host: DEBUG_HOST, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: APP_ID },
      }),
    );
    for (const waiter of this.connectWaiters) {
      clearTimeout(waiter.timer);
      waiter.resolve();
    }
    this.connectWaiters.clear();
  }

  private forget(ws: WebSocket): void {
    const i = this.live.indexOf(ws);
    if (i >= 0) this.live.splice(i, 1);
  }

  private current(): WebSocket | undefined {
    return this.live[this.live.length - 1];
  }

  /** Resolves once a client is connected and has been sent `hello` (at once if one is). */
  connected(options: { timeoutMs?: number } = {}): Promise<void> {
    if (this.current()) return Promise.resolve();
    const timeoutMs = options.timeoutMs ?? this.connectTimeoutMs;
    return new Promise((resolve, reject) => {
      const waiter: Waiter<void> = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.connectWaiters.delete(waiter);
          reject(
            new Error(
              `Socket Mode: no client connected within ${timeoutMs} ms ` +
                `(${this.connections} connection(s) so far, ${this.tickets.size} unused ticket(s))`,
            ),
          );
        }, timeoutMs),
      };
      this.connectWaiters.add(waiter);
    });
  }

  /**
   * Push an envelope (or a builder's request, wrapped as Slack would) to the connected client, waiting for a
   * connection first if need be; resolves with the client's ack for that envelope.
   */
  async send(
    input: EnvelopeInput | SlackRequest<object>,
    options: { timeoutMs?: number } = {},
  ): Promise<Ack> {
    const envelope = isSlackRequest(input) ? toEnvelope(input) : completeEnvelope(input);
    await this.connected();
    const ws = this.current();
    if (!ws) throw new Error("Socket Mode: the client went away before the envelope could be sent");
    const timeoutMs = options.timeoutMs ?? this.ackTimeoutMs;
    const acked = new Promise<Ack>((resolve, reject) => {
      this.pendingAcks.set(envelope.envelope_id, {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pendingAcks.delete(envelope.envelope_id);
          const others = this.acks.map((a) => a.envelope_id).join(", ") || "none";
          reject(
            new Error(
              `Socket Mode: no ack for ${envelope.type} envelope ${envelope.envelope_id} within ${timeoutMs} ms ` +
                `(acks received: ${others})`,
            ),
          );
        }, timeoutMs),
      });
    });
    this.sent.push(envelope);
    ws.send(JSON.stringify(envelope));
    return acked;
  }

  /**
   * Ask the client to reconnect, as Slack does when it recycles a server: send `disconnect` and wait for the
   * client to close (it should; @slack/socket-mode closes at once), closing it ourselves after `graceMs`.
   * The client then calls apps.connections.open again; await `connected()` for the new connection.
   */
  async disconnect(reason = "refresh_requested", options: { graceMs?: number } = {}): Promise<void> {
    const ws = this.current();
    if (!ws) throw new Error("Socket Mode: no client connected to disconnect");
    // No longer a target for send() or connected(): they wait for the reconnection.
    this.forget(ws);
    const closed = new Promise<void>((resolve) => {
      if (ws.readyState === ws.CLOSED) resolve();
      else ws.once("close", () => resolve());
    });
    ws.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: DEBUG_HOST } }));
    const grace = setTimeout(() => ws.terminate(), options.graceMs ?? 2_000);
    await closed;
    clearTimeout(grace);
  }

  /** Drop the connection with no warning (a network failure): the client notices and reconnects on its own. */
  drop(): void {
    const ws = this.current();
    if (!ws) throw new Error("Socket Mode: no client connected to drop");
    this.forget(ws);
    ws.terminate();
  }

  /** Forget acks and sent envelopes (the connection count and connections stay). */
  reset(): void {
    this.acks.length = 0;
    this.sent.length = 0;
  }

  /**
   * Close every socket and fail anything still waiting. Sockets get a close handshake (up to `graceMs`, then
   * they are cut): Bolt's SocketModeReceiver.stop() does not wait for its client's close to finish, and cutting
   * that close short makes the client log a WebSocket error.
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    const closing = new Error("Socket Mode stand-in closed");
    for (const waiter of this.connectWaiters) {
      clearTimeout(waiter.timer);
      waiter.reject(closing);
    }
    this.connectWaiters.clear();
    for (const waiter of this.pendingAcks.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(closing);
    }
    this.pendingAcks.clear();
    this.live.length = 0;
    const graceMs = options.graceMs ?? 1_000;
    await Promise.all(
      [...this.wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === ws.CLOSED) return resolve();
            const cut = setTimeout(() => ws.terminate(), graceMs);
            ws.once("close", () => {
              clearTimeout(cut);
              resolve();
            });
            // 1001 "going away", as a server that is shutting down says. Harmless if the client is already closing.
            if (ws.readyState === ws.OPEN) ws.close(1001, "stand-in closing");
          }),
      ),
    );
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
