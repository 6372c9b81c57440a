import type { BuildOptions } from "esbuild";

export function bundleOptions(root: string, outdir: string): BuildOptions;

export function oneByteSource(code: string): string;
