import type { Logger } from "../../log.ts";
import type { Failure } from "./failure.ts";

/** Something of Slack's the bot connects to: its Web API, or the Socket Mode WebSocket it is handed. */
export interface Target {
  /** "Slack's Web API", "Slack's Socket Mode WebSocket". */
  name: string;
  /** host[:port], as the operator would look it up or allow it through a firewall. */
  host: string;
}

/**
 * Says what cannot be reached and why, once. Every failed attempt comes here, but a warning is written only when a
 * target goes down or its reason changes (refused, then DNS); the attempts in between are debug lines. When the
 * target answers again, one info line says after how long. A service's log then reads as what happened, not as a
 * line every few seconds for as long as the network is down.
 */
export interface Watch {
  failed(target: Target, failure: Failure): void;
  reached(target: Target): void;
}

interface Down {
  since: number;
  reason: string;
  attempts: number;
}

export function createWatch(logger: Logger, now: () => number = Date.now): Watch {
  const down = new Map<string, Down>();
  const key = (target: Target) => `${target.name} ${target.host}`;
  return {
    failed(target, failure) {
      const was = down.get(key(target));
      const fields = { host: target.host, reason: failure.reason, code: failure.code };
      if (was?.reason === failure.reason) {
        was.attempts += 1;
        logger.debug({ ...fields, attempts: was.attempts }, `still cannot reach ${target.name}`);
        return;
      }
      down.set(key(target), { since: was?.since ?? now(), reason: failure.reason, attempts: 1 });
      logger.warn(
        fields,
        `cannot reach ${target.name} at ${target.host}: ${failure.reason}; retrying with backoff`,
      );
    },
    reached(target) {
      const was = down.get(key(target));
      if (!was) return;
      down.delete(key(target));
      const downMs = now() - was.since;
      logger.info(
        { host: target.host, downMs, attempts: was.attempts },
        `reconnected to ${target.name} at ${target.host} after ${duration(downMs)}`,
      );
    },
  };
}

/** "850 ms", "4.2 s", "3 min 20 s", "2 h 5 min": as precise as a reader of an outage needs. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return s % 60 ? `${min} min ${s % 60} s` : `${min} min`;
  return min % 60 ? `${Math.floor(min / 60)} h ${min % 60} min` : `${Math.floor(min / 60)} h`;
}
