import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shipped manifest asks for no scope the app does not use, and for every one it does: each bot scope is tied to
 * the call in `src/` that needs it. A scope added without a use, or a use added without its scope, fails here.
 */

const manifest = readFileSync("manifest.yml", "utf8");
const scopes = [
  ...(manifest.match(/\n {4}bot:\n((?: {6}(?:- .*|#.*)\n)+)/)?.[1] ?? "").matchAll(/- (\S+)/g),
].map((m) => m[1]);

function sources(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory()
        ? sources(join(dir, e.name))
        : e.name.endsWith(".ts")
          ? readFileSync(join(dir, e.name), "utf8")
          : "",
    )
    .join("\n");
}
const code = sources("src");

/** What in the code needs each scope. */
const USES: Record<string, RegExp> = {
  commands: /app\.command\(/,
  "chat:write": /chat\.postMessage\(/,
  "app_mentions:read": /app\.event\("app_mention"/,
  "im:history": /app\.message\(|"message"/,
  "users:read": /users\.info\(/,
  "files:write": /files\.uploadV2\(/,
};

describe("manifest.yml", () => {
  it("asks for exactly the bot scopes the code uses, and not chat:write.public", () => {
    expect(scopes.length).toBeGreaterThan(0);
    expect(scopes).not.toContain("chat:write.public");
    expect([...scopes].sort()).toEqual(Object.keys(USES).sort());
    for (const scope of scopes)
      expect(code, `${scope} is asked for but not used`).toMatch(USES[scope ?? ""] as RegExp);
  });
});
