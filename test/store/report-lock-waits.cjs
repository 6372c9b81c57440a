// Preloaded into `ombuds ingest` processes (`node --require`): a line on stderr each time the process finds the
// store's lock taken, so a test can wait until every process is waiting on the lock rather than sleep and hope.
const fs = require("node:fs");

const mkdir = fs.mkdir;
fs.mkdir = function (path, ...rest) {
  const callback = rest.pop();
  return mkdir.call(this, path, ...rest, (error, ...results) => {
    if (error?.code === "EEXIST" && String(path).endsWith(".lock"))
      process.stderr.write(`lock busy: ${path}\n`);
    callback(error, ...results);
  });
};
