import type { TestProject } from "vitest/node";
import { bundledSources } from "../../bin/bundle.js";
import { ROOT } from "../../src/root.ts";

/**
 * Vitest's global set-up: the bundles of the sources as they are (the same folder `npm start` runs from, built once
 * here if the sources changed), for the tests' worker threads to run from (thread-bundles.ts).
 */
export default async function setup(project: TestProject) {
  project.provide("bundles", await bundledSources(ROOT));
}

declare module "vitest" {
  export interface ProvidedContext {
    bundles: string;
  }
}
