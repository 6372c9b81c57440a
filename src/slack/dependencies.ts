import type { AuthorityIndex } from "../authorities/index.ts";
import type { Logger } from "../log.ts";
import type { Answerer } from "./answerer/answerer.ts";

/** What the Slack app's listeners are built from: the answerer, the store, the reference list, a logger, the clock. */
export interface SlackDeps {
  /** Answers, the App Home and digests, computed from the stored letters (in a thread of their own when running). */
  answerer: Answerer;
  /** The store file, for the digest's subscriptions. */
  storeFile: string;
  authorities: AuthorityIndex;
  logger: Logger;
  now: () => Date;
}
