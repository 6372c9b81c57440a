#!/usr/bin/env node
// Runs ombuds from its TypeScript sources. esbuild bundles src/ (bin/bundle.js) when the sources change, about
// 0.1 s, so there is no build step to forget and nothing stale to run, and the process carries no TypeScript loader
// (which would cost some 35 MB of memory in a long-running bot). The bundles go in a folder named by the sources,
// written atomically, so concurrent starts share it safely.
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bundledSources } from "./bundle.js";

const folder = await bundledSources(dirname(dirname(fileURLToPath(import.meta.url))));
await import(pathToFileURL(join(folder, "main.mjs")).href);
