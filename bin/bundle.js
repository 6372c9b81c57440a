// How bin/ombuds.js bundles the sources, shared with the test that checks what the local console loads.
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
