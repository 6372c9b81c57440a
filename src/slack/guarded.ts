import { randomBytes } from "node:crypto";
import type { SlackDeps } from "./dependencies.ts";
import { errorMessage, type Message } from "./render/index.ts";

/** A short reference a user can quote and we can find in the log. */
export function reference(): string {
  return randomBytes(3).toString("hex").toUpperCase();
}

/**
 * Run a listener's work so that a failure never crashes the process: the log gets the details under a reference,
 * and the user gets a short apology with that reference (if even that fails, the log says so).
 */
export async function guarded(
  deps: Pick<SlackDeps, "logger">,
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
