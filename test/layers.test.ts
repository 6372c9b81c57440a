import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Imports point one way (docs/layers.md): the surfaces (`cli`, `slack`) over `digest` over `charts` over `answers` over
 * `store` over `letters` over `authorities`, with the base modules (`phrasing`, `config`, `log`, `root`, `worker-thread`) under everything and
 * `main.ts` over everything, imported by nothing (`bot.ts`, the bot in Slack, only by `main.ts`). The surfaces never import each other, and nothing in `src/` or
 * `bench/` imports the tests. This reads every import in the sources (static, `export … from` and dynamic `import()`)
 * and fails naming each one that crosses a layer the wrong way.
 */

const ROOT = resolve(import.meta.dirname, "..");

/** Each layer and what it may import (itself always). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  base: [],
  authorities: ["base"],
  letters: ["authorities", "base"],
  store: ["letters", "authorities", "base"],
  answers: ["store", "letters", "authorities", "base"],
  charts: ["answers", "store", "letters", "authorities", "base"],
  digest: ["charts", "answers", "store", "letters", "authorities", "base"],
  cli: ["digest", "charts", "answers", "store", "letters", "authorities", "base"],
  slack: ["digest", "charts", "answers", "store", "letters", "authorities", "base"],
  bot: ["cli", "slack", "digest", "charts", "answers", "store", "letters", "authorities", "base"],
  main: ["bot", "cli", "slack", "digest", "charts", "answers", "store", "letters", "authorities", "base"],
  testkit: ["main", "cli", "slack", "digest", "charts", "answers", "store", "letters", "authorities", "base"],
  bench: [
    "testkit",
    "main",
    "cli",
    "slack",
    "digest",
    "charts",
    "answers",
    "store",
    "letters",
    "authorities",
    "base",
  ],
  test: [
    "testkit",
    "bench",
    "main",
    "cli",
    "slack",
    "digest",
    "charts",
    "answers",
    "store",
    "letters",
    "authorities",
    "base",
  ],
};

const BASE = new Set([
  "src/phrasing.ts",
  "src/config.ts",
  "src/log.ts",
  "src/root.ts",
  "src/worker-thread.ts",
]);

function layerOf(file: string): string | null {
  if (BASE.has(file)) return "base";
  if (file === "src/main.ts") return "main";
  // The bot in Slack: started by main.ts alone, so that nothing of Slack loads for the console.
  if (file === "src/bot.ts") return "bot";
  const [top, second] = file.split("/");
  if (top === "src") return second?.endsWith(".ts") ? null : (second ?? null);
  if (top === "testkit" || top === "bench" || top === "test") return top;
  return null;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sources(path));
    else if (entry.name.endsWith(".ts")) out.push(path);
  }
  return out;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** Every relative import of a file, as a path from the project root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const out: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const target = match[1] ?? match[2];
    if (target?.startsWith(".")) out.push(relative(ROOT, resolve(ROOT, dirname(file), target)));
  }
  return out;
}

const existing = (dir: string) => {
  try {
    return sources(dir);
  } catch {
    return [];
  }
};

describe("imports point one way", () => {
  const files = [...existing("src"), ...existing("bench"), ...existing("testkit")];

  it("every source file belongs to a layer", () => {
    expect(files.filter((f) => layerOf(f) === null)).toEqual([]);
  });

  it("no import crosses a layer the wrong way, and nothing imports main.ts", () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = layerOf(file) as string;
      for (const target of importsOf(file)) {
        const to = layerOf(target);
        if (to === null) continue;
        if (to === from && to !== "main") continue;
        if (!MAY_IMPORT[from]?.includes(to)) wrong.push(`${file} (${from}) imports ${target} (${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("reads the imports it checks: the rule would catch a surface importing another", () => {
    // The checker itself, on what it must refuse: a made-up import from the CLI into Slack, and into main.ts.
    expect(MAY_IMPORT.cli?.includes(layerOf("src/slack/app.ts") as string)).toBe(false);
    expect(MAY_IMPORT.slack?.includes(layerOf("src/cli/program.ts") as string)).toBe(false);
    expect(MAY_IMPORT.digest?.includes(layerOf("src/slack/app.ts") as string)).toBe(false);
    expect(MAY_IMPORT.cli?.includes(layerOf("src/main.ts") as string)).toBe(false);
    expect(MAY_IMPORT.bench?.includes(layerOf("test/fixtures/letters.ts") as string)).toBe(false);
    expect(importsOf("test/layers.test.ts")).toEqual([]);
    expect(importsOf("src/cli/answer.ts")).toContain("src/phrasing.ts");
  });
});
