export { nodeFs, type StoreFs } from "./files.ts";
export { type IngestReport, ingestLetters, ingestPaths } from "./ingest.ts";
export { emptyStore, SCHEMA_VERSION, StoreData } from "./schema.ts";
export { changeStore, readStore, type Store, StoreError, type StoreOptions, updateStore } from "./store.ts";
