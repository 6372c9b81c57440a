import type { BuildOptions } from "esbuild";

export function bundleOptions(root: string, outdir: string): BuildOptions;

export function oneByteSource(code: string): string;

/** The folder of bundles built from the sources under `root` as they are now (dist/ombuds-<key>), built if need be. */
export function bundledSources(root: string): Promise<string>;
