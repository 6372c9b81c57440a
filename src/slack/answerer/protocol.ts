import type { Subscription } from "../../store/schema.ts";
import type { ResponseTarget } from "./answerer.ts";

/**
 * What passes between the Slack app and its answering thread. Both ends are this program, so the messages are typed
 * rather than validated: structured cloning keeps Dates, arrays and plain objects as they were sent.
 */
export type Call =
  | { kind: "answer"; question: string; share: boolean; now: Date }
  | { kind: "respond"; question: string; target: ResponseTarget }
  | { kind: "share"; shown: string | undefined; question: string; target: ResponseTarget }
  | { kind: "home"; user?: string }
  | { kind: "digest"; channel: string; now: Date; subscription?: Subscription }
  | { kind: "subscriptions" }
  | { kind: "refresh" };

export type Request = Call & { id: number };

/**
 * The start-up ingest's outcome: counts, each file that failed as `ParseError` names it, and each file not stored
 * because the stored letter has more figures.
 */
export interface IngestSummary {
  added: number;
  updated: number;
  failed: { file: string; field: string; reason: string }[];
  kept: { id: string; file: string; reason: string }[];
}

/** An error as it crosses the thread boundary: enough to log it, and to rebuild a store error for the CLI. */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
  file?: string;
  reason?: string;
}

export type Reply =
  | { type: "result"; id: number; ok: true; value: unknown }
  | { type: "result"; id: number; ok: false; error: ErrorData }
  /**
   * The store is loaded: calls may come. `stale`: how many files of the letters folder it was asked to check the
   * store has no current record of (the start-up ingest is needed only when some are).
   */
  | { type: "ready"; letters: number; stale: number }
  /** The start-up ingest is done (that thread then ends). */
  | { type: "ingested"; summary: IngestSummary }
  /** The store could not be loaded or the ingest failed: the thread ends. */
  | { type: "failed"; error: ErrorData }
  /** For the app's log, which lives on the main thread. */
  | { type: "log"; msg: string; error: ErrorData };

export function errorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const { file, reason } = error as { file?: unknown; reason?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(error.stack ? { stack: error.stack } : {}),
    ...(typeof file === "string" ? { file } : {}),
    ...(typeof reason === "string" ? { reason } : {}),
  };
}
