import type { AuthorityIndex } from "../authorities/index.ts";
import type { Library } from "../library.ts";
import type { Logger } from "../log.ts";

/** What every listener needs: the letters to answer from, the store, the reference list, a logger, the clock. */
export interface Deps {
  library: Library;
  /** The store file, for the digest's subscriptions. */
  storeFile: string;
  authorities: AuthorityIndex;
  logger: Logger;
  now: () => Date;
}
