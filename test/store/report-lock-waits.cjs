// Preloaded into `ombuds ingest` processes (`node --require`): a line on stderr each time the process finds the
// store's lock taken, so a test can wait until every process is waiting on the lock rather than sleep and hope.
// The store makes its lock with fs.promises.mkdir; the callback form is watched too, for proper-lockfile.
const fs = require("node:fs");

const busy = (error, path) => {
  if (error?.code === "EEXIST" && String(path).endsWith(".lock"))
    process.stderr.write(`lock busy: ${path}\n`);
};

const mkdir = fs.mkdir;
fs.mkdir = function (path, ...rest) {
  const callback = rest.pop();
  return mkdir.call(this, path, ...rest, (error, ...results) => {
    busy(error, path);
    callback(error, ...results);
  });
};

const mkdirPromise = fs.promises.mkdir;
fs.promises.mkdir = async function (path, ...rest) {
  try {
    return await mkdirPromise.call(this, path, ...rest);
  } catch (error) {
    busy(error, path);
    throw error;
  }
};
