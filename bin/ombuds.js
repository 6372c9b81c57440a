#!/usr/bin/env node
// Runs ombuds from its TypeScript sources. esbuild bundles src/ into one ES module on every start (about 0.1 s), so
// there is no build step to forget and nothing stale to run, and the process carries no TypeScript loader (which
// would cost some 35 MB of memory in a long-running bot). The bundle is named by its content hash and written
// atomically, so concurrent starts share it safely.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, stop } from "esbuild";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, "dist");
const result = await build({
  entryPoints: [join(root, "src", "cli", "main.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  write: false,
  logLevel: "error",
  outfile: join(dist, "ombuds.mjs"),
});
// esbuild keeps a helper process alive for further builds; there will be none.
await stop();
const code = result.outputFiles[0].contents;
const hash = createHash("sha256").update(code).digest("hex").slice(0, 12);
const bundle = join(dist, `ombuds-${hash}.mjs`);
mkdirSync(dist, { recursive: true });
try {
  statSync(bundle);
} catch {
  const temporary = `${bundle}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, bundle);
}
// Older bundles are left by earlier versions of the sources; clear those not touched for a day.
for (const name of readdirSync(dist)) {
  const file = join(dist, name);
  if (name.startsWith("ombuds-") && file !== bundle) {
    try {
      if (Date.now() - statSync(file).mtimeMs > 86_400_000) unlinkSync(file);
    } catch {}
  }
}
await import(pathToFileURL(bundle).href);
