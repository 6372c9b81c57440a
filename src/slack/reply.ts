import { randomBytes } from "node:crypto";
import { ask } from "../answers/index.ts";
import type { Deps } from "./context.ts";
import { answerMessage, errorMessage } from "./render/index.ts";

export type Message = ReturnType<typeof answerMessage>;

/** The Block Kit answer to a question; `share` adds the "Share in channel" button. */
export function answerFor(text: string, deps: Deps, options: { share?: boolean } = {}): Message {
  const answer = ask(text, deps.library.holdings(), { authorities: deps.authorities, now: deps.now() });
  return answerMessage(answer, options.share ? { share: { question: answer.question.text } } : {});
}

/** A short reference a user can quote and we can find in the log. */
export function reference(): string {
  return randomBytes(3).toString("hex").toUpperCase();
}

/**
 * Run a listener's work so that a failure never crashes the process: the log gets the details under a reference,
 * and the user gets a short apology with that reference (if even that fails, the log says so).
 */
export async function guarded(
  deps: Deps,
  where: Record<string, unknown>,
  work: () => Promise<void>,
  apologise: (message: Message) => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const ref = reference();
    deps.logger.error({ err: error, ref, ...where }, "listener failed");
    try {
      await apologise(errorMessage(ref));
    } catch (second) {
      deps.logger.error({ err: second, ref, ...where }, "could not tell the user about the failure");
    }
  }
}
