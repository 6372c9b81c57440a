import type { AuthorityIndex } from "../authorities/index.ts";
import type { Logger } from "../log.ts";
import type { Answerer } from "./answerer/answerer.ts";
import type { AdminFlagsLookup } from "./digest.ts";

/** What the Slack app's listeners are built from: the answerer, the store, the reference list, a logger, the clock. */
export interface SlackDeps {
  /** Answers, the App Home and digests, computed from the stored letters (in a thread of their own when running). */
  answerer: Answerer;
  /** The store file, for the digest's subscriptions. */
  storeFile: string;
  authorities: AuthorityIndex;
  logger: Logger;
  now: () => Date;
  /** `DIGEST_ADMINS`: users who may change any conversation's digest, besides its creator and workspace admins. */
  digestAdmins?: readonly string[];
  /**
   * Reads a user's workspace role (`users.info`), remembered briefly; `registerListeners` gives the app one when
   * none is given. Without one, each digest change that needs the role asks Slack.
   */
  adminFlags?: AdminFlagsLookup;
}
