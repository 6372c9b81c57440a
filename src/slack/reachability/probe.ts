import { connect as tcp } from "node:net";
import { connect as tls } from "node:tls";
import { bounded, type Failure, networkFailure } from "./failure.ts";

/**
 * Why a WebSocket to `url` failed. The WebSocket's own error event says nothing (an empty message, no cause), so
 * this opens a plain connection to the same host and port, TLS for wss:, and reports how that fails: DNS,
 * refused, TLS, timed out. If it connects, the host is reachable and it was the WebSocket handshake that failed.
 */
export function probe(url: string, timeoutMs = 10_000): Promise<Failure> {
  const { protocol, hostname, port } = new URL(url);
  const secure = protocol === "wss:" || protocol === "https:";
  const address = { host: hostname.replace(/^\[|\]$/g, ""), port: Number(port) || (secure ? 443 : 80) };
  return new Promise((resolve) => {
    const socket = secure
      ? tls({ ...address, servername: address.host, timeout: timeoutMs }, () => settle(null))
      : tcp({ ...address, timeout: timeoutMs }, () => settle(null));
    function settle(error: unknown) {
      socket.destroy();
      resolve(
        error === null
          ? { reason: "the host answered, but the WebSocket handshake failed", code: "handshake" }
          : (networkFailure(error) ?? {
              reason: bounded(String((error as Error).message ?? error)),
              code: "connect",
            }),
      );
    }
    socket.once("error", settle);
    socket.once("timeout", () => settle(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
  });
}
