export { type IngestReport, ingestLetters, ingestPaths } from "./ingest.ts";
export { emptyStore, SCHEMA_VERSION, StoreData } from "./schema.ts";
export { readStore, type Store, StoreError, updateStore } from "./store.ts";
