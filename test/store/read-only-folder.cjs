// Preloaded into an ombuds process (`node --require`): every change to a path under OMBUDS_READ_ONLY fails with
// EACCES, as in a folder its user cannot write to. For tests run as root, whom chmod does not stop; the store makes
// its changes through fs.promises, which is what this patches.
const { resolve, sep } = require("node:path");
const fs = require("node:fs");

const folder = resolve(process.env.OMBUDS_READ_ONLY);
const inside = (path) => {
  const full = resolve(String(path));
  return full === folder || full.startsWith(folder + sep);
};
const denied = (syscall, path) =>
  Object.assign(new Error(`EACCES: permission denied, ${syscall} '${path}'`), {
    code: "EACCES",
    errno: -13,
    syscall,
    path: String(path),
  });

for (const name of [
  "mkdir",
  "writeFile",
  "appendFile",
  "rename",
  "unlink",
  "rmdir",
  "rm",
  "chmod",
  "chown",
  "utimes",
]) {
  const real = fs.promises[name];
  fs.promises[name] = function (path, ...rest) {
    if (inside(path)) return Promise.reject(denied(name, path));
    return real.call(this, path, ...rest);
  };
}
const open = fs.promises.open;
fs.promises.open = function (path, flags = "r", ...rest) {
  if (inside(path) && flags !== "r") return Promise.reject(denied("open", path));
  return open.call(this, path, flags, ...rest);
};
