import { randomUUID } from "node:crypto";
import type { Message } from "../render/index.ts";

/**
 * The answers shown privately with a "Share in channel" button, kept so that sharing posts exactly what the person
 * read, not an answer computed again (the store may have changed since). Slack's response URL, which a share posts
 * through, lasts 30 minutes, so an answer is kept that long at most, and the newest 1,000 at most: a share after a
 * restart or an eviction computes the answer again.
 */
export class ShownAnswers {
  readonly #kept = new Map<string, { message: Message; at: number }>();

  constructor(
    private readonly max = 1000,
    private readonly ttlMs = 30 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Make a message whose share button carries a fresh id (`make(id)`), keep it under that id, and return it. */
  remember(make: (id: string) => Message): Message {
    const id = randomUUID();
    const message = make(id);
    this.#kept.set(id, { message, at: this.now() });
    // A Map iterates in insertion order: the first entries are the oldest.
    for (const [key, entry] of this.#kept) {
      if (this.#kept.size <= this.max && this.now() - entry.at <= this.ttlMs) break;
      this.#kept.delete(key);
    }
    return message;
  }

  /** The message kept under `id`, if it is still kept. */
  recall(id: string | undefined): Message | undefined {
    if (id === undefined) return undefined;
    const entry = this.#kept.get(id);
    if (!entry || this.now() - entry.at > this.ttlMs) return undefined;
    return entry.message;
  }
}
