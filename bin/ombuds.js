#!/usr/bin/env node
// Runs ombuds from its TypeScript sources. esbuild bundles src/ (bin/bundle.js) when the sources change, about
// 0.1 s, so there is no build step to forget and nothing stale to run, and the process carries no TypeScript loader
// (which would cost some 35 MB of memory in a long-running bot). The bundles go in a folder named by the sources,
// written atomically, so concurrent starts share it safely.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundleOptions, oneByteSource } from "./bundle.js";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, "dist");

/**
 * Names the sources as they are: each file under src/ by path, size and modification time, with what else decides
 * the output (bin/, the lock file, tsconfig.json). The same sources get the same bundles, so a start whose sources
 * have not changed reuses them and skips esbuild, which would be most of a console start; any edit, or a file added
 * or removed, gives a new name and a new build.
 */
function sourcesKey() {
  const hash = createHash("sha256");
  const under = (folder) =>
    readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  const files = [
    ...under("bin"),
    join(root, "package-lock.json"),
    join(root, "tsconfig.json"),
    ...under("src"),
  ];
  for (const file of files.sort()) {
    let stat = { size: -1, mtimeMs: -1 };
    try {
      stat = statSync(file);
    } catch {}
    hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest("hex").slice(0, 16);
}

async function bundle(folder) {
  const { build, stop } = await import("esbuild");
  const temporary = `${folder}.${process.pid}.tmp`;
  await build(bundleOptions(root, temporary));
  // esbuild keeps a helper process alive for further builds; there will be none.
  await stop();
  for (const name of readdirSync(temporary)) {
    const file = join(temporary, name);
    const code = readFileSync(file, "utf8");
    const oneByte = oneByteSource(code);
    if (oneByte !== code) writeFileSync(file, oneByte);
  }
  try {
    renameSync(temporary, folder);
  } catch {
    // Another start renamed the same bundles into place first.
    rmSync(temporary, { recursive: true, force: true });
  }
}

const folder = join(dist, `ombuds-${sourcesKey()}`);
mkdirSync(dist, { recursive: true });
if (existsSync(join(folder, "main.mjs"))) {
  // In use: keep it from being cleared as old (below) by a start from other sources.
  const now = new Date();
  utimesSync(folder, now, now);
} else {
  await bundle(folder);
}
// Older bundles are left by earlier versions of the sources; clear those not used for a day.
for (const name of readdirSync(dist)) {
  const path = join(dist, name);
  if (name.startsWith("ombuds-") && path !== folder) {
    try {
      if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {}
  }
}
await import(pathToFileURL(join(folder, "main.mjs")).href);
