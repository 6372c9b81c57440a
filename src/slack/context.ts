import type { AuthorityIndex } from "../authorities/index.ts";
import type { Library } from "../library.ts";
import type { Logger } from "../log.ts";

/** What every listener needs: the letters to answer from, the reference list of councils, a logger, the clock. */
export interface Deps {
  library: Library;
  authorities: AuthorityIndex;
  logger: Logger;
  now: () => Date;
}
