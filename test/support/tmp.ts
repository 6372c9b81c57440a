import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ombuds-test-"));
  made.push(dir);
  return dir;
}

export const SAMPLES = "data/letters/2020";

/** A folder holding copies of the five sample letters. */
export function sampleFolder(): string {
  const dir = tempDir();
  cpSync(SAMPLES, join(dir, "2020"), { recursive: true });
  return dir;
}

/**
 * Stockport's letter re-addressed to each of `councils` (full names from authorities.json): real letters for
 * councils the samples do not cover, written into `dir`.
 */
export function readdressed(dir: string, councils: string[]): string[] {
  const template = readFileSync(join(SAMPLES, "stockport.txt"), "utf8");
  return councils.map((council, i) => {
    const file = join(dir, `letter-${i}.txt`);
    writeFileSync(file, template.replace("Stockport Metropolitan Borough Council", council));
    return file;
  });
}
