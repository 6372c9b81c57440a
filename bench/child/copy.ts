// The baseline for the ingest: a process that reads every letter file of the folder and writes the records an
// ingest of it stored (taken from that store, untimed), as one JSON text to a temporary file renamed into place.
// What an ingest cannot do without: everything else it does (parsing, checking, the index) is over this.
import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [store, corpus, out] = process.argv.slice(2) as [string, string, string];
const records = JSON.parse(readFileSync(store, "utf8")) as { letters: unknown[] };
const started = performance.now();
let bytes = 0;
for (const entry of readdirSync(corpus, { recursive: true, withFileTypes: true })) {
  if (entry.isFile()) bytes += readFileSync(join(entry.parentPath, entry.name)).length;
}
writeFileSync(`${out}.tmp`, JSON.stringify(records));
renameSync(`${out}.tmp`, out);
const ms = performance.now() - started;
process.stdout.write(JSON.stringify({ ms, bytes, letters: records.letters.length }));
