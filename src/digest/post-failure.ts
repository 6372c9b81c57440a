/**
 * Why a digest could not be posted, in the terms the run acts on: a code for the store and the log, and whether
 * trying again could mend it. The poster translates its platform's errors into this, so the digest never needs to
 * know which platform it posts to.
 */
export class PostFailure extends Error {
  override readonly name = "PostFailure";

  constructor(
    readonly code: string,
    /** Someone must act (invite the bot, pick another channel, fix the token) before a post there can succeed. */
    readonly permanent: boolean,
    options?: ErrorOptions,
  ) {
    super(`the post failed (${code}${permanent ? ", permanent" : ""})`, options);
  }
}

/** A poster that rejects with anything else has not said the failure is permanent, so it is worth retrying. */
export function postFailure(error: unknown): PostFailure {
  if (error instanceof PostFailure) return error;
  return new PostFailure(error instanceof Error ? error.message : String(error), false, { cause: error });
}
