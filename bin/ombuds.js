#!/usr/bin/env node
// Runs ombuds from its TypeScript sources. esbuild bundles src/ on every start (about 0.1 s), so there is no build
// step to forget and nothing stale to run, and the process carries no TypeScript loader (which would cost some
// 35 MB of memory in a long-running bot). Two bundles: the program, and the Slack app's answering thread
// (src/slack/answerer/worker.ts), which a worker thread loads from beside the program's. They go in a folder named
// by their content hash, written atomically, so concurrent starts share it safely.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, "dist");
const result = await build({
  entryPoints: {
    main: join(root, "src", "cli", "main.ts"),
    answerer: join(root, "src", "slack", "answerer", "worker.ts"),
  },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  write: false,
  logLevel: "error",
  outdir: dist,
  outExtension: { ".js": ".mjs" },
});
// esbuild keeps a helper process alive for further builds; there will be none.
await stop();
const files = result.outputFiles.map((file) => ({
  name: file.path.slice(dist.length + 1),
  code: file.contents,
}));
const hash = createHash("sha256");
for (const file of files) hash.update(file.name).update(file.code);
const folder = join(dist, `ombuds-${hash.digest("hex").slice(0, 12)}`);
try {
  statSync(folder);
} catch {
  const temporary = `${folder}.${process.pid}.tmp`;
  mkdirSync(temporary, { recursive: true });
  for (const file of files) writeFileSync(join(temporary, file.name), file.code);
  try {
    renameSync(temporary, folder);
  } catch {
    // Another start renamed the same bundles into place first.
    rmSync(temporary, { recursive: true, force: true });
  }
}
// Older bundles are left by earlier versions of the sources; clear those not touched for a day.
for (const name of readdirSync(dist)) {
  const path = join(dist, name);
  if (name.startsWith("ombuds-") && path !== folder) {
    try {
      if (Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
    } catch {}
  }
}
await import(pathToFileURL(join(folder, "main.mjs")).href);
