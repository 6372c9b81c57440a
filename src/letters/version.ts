/**
 * The version of what the parser reads from a letter file. An ingest skips a file whose size and modification time
 * (or, failing those, sha256) match what the store recorded for it, but only when the record was made by this
 * version: bump it whenever the parser, or the bundled authorities list it checks against, would read any letter
 * differently, so that the next start-up reads every letter again.
 */
export const PARSER_VERSION = 3;
