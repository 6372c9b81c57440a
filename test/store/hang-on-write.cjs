// Preloaded into an `ombuds ingest` (`node --require`) to stop it in the middle of writing the store: holding the
// lock, its temporary file written, the rename over the store never made. It says so on stderr ("writing: <file>")
// and stays alive until killed, as an ingest does when `kill -9` reaches it there.
const fs = require("node:fs");

const rename = fs.promises.rename;
fs.promises.rename = function (from, to) {
  if (!String(from).endsWith(".tmp")) return rename.call(this, from, to);
  process.stderr.write(`writing: ${to}\n`);
  setInterval(() => {}, 60_000);
  return new Promise(() => {});
};
