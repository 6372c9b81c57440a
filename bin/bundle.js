// How bin/ombuds.js bundles the sources, shared with the tests (what the local console loads; their worker threads).
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
import { join } from "node:path";

// Pure-ESM packages bundled in rather than loaded from node_modules: date-fns's index alone is some 300 files to
// resolve and read at every start, of which a few functions are used. The rest stay external (CommonJS, workers,
// pdf.js's large lazily loaded build).
const BUNDLED = new Set(["date-fns", "@date-fns/tz", "zod"]);

/**
 * esbuild's options for the sources under `root`, written to `outdir`. Three entries: the program, the Slack app's
 * answering thread (src/slack/answerer/worker.ts) and start-up's folder survey (src/letters/survey-thread.ts), which
 * worker threads load from beside the program's. Code splitting keeps what the program imports dynamically (the
 * Slack side, src/bot.ts) in chunks of its own, loaded only when used, so the local console never loads Bolt.
 */
export function bundleOptions(root, outdir) {
  return {
    entryPoints: {
      main: join(root, "src", "main.ts"),
      answerer: join(root, "src", "slack", "answerer", "worker.ts"),
      survey: join(root, "src", "letters", "survey-thread.ts"),
    },
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    plugins: [
      {
        name: "external packages",
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, ({ path }) => {
            const name = path.startsWith("@") ? path.split("/").slice(0, 2).join("/") : path.split("/")[0];
            return BUNDLED.has(name) ? undefined : { path, external: true };
          });
        },
      },
    ],
    logLevel: "error",
    outdir,
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
  };
}

/**
 * `code` with every character past U+00FF written as a `\u` escape. V8 keeps a module's source in memory for as long
 * as the module lives, at one byte a character only if every character fits in one, else at two: the largest chunk
 * (about 1 MB) held a few dashes and bullets in comments and regular expressions, and so took 2 MB in each thread.
 * esbuild already escapes them in strings; in comments an escape is only text, and in regular expressions and
 * template literals it means the same character. A character escaped already (`\–`, an identity escape) keeps its
 * meaning with the escape in place of the backslash.
 */
export function oneByteSource(code) {
  return code.replace(/(\\*)([\u0100-\uffff])/g, (_, slashes, c) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}

/**
 * Names the sources as they are: each file under src/ by path, size and modification time, with what else decides
 * the output (bin/, the lock file, tsconfig.json). The same sources get the same bundles, so a start whose sources
 * have not changed reuses them and skips esbuild, which would be most of a console start; any edit, or a file added
 * or removed, gives a new name and a new build.
 */
function sourcesKey(root) {
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

async function bundle(root, folder) {
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

/**
 * The folder of bundles built from the sources under `root` as they are now (dist/ombuds-<key>), built if it is not
 * there yet: bin/ombuds.js runs the program from it, and the tests run their worker threads from it.
 */
export async function bundledSources(root) {
  const dist = join(root, "dist");
  const folder = join(dist, `ombuds-${sourcesKey(root)}`);
  mkdirSync(dist, { recursive: true });
  if (existsSync(join(folder, "main.mjs"))) {
    // In use: keep it from being cleared as old (below) by a start from other sources.
    const now = new Date();
    utimesSync(folder, now, now);
  } else {
    await bundle(root, folder);
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
  return folder;
}
