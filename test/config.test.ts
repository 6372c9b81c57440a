import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, ROOT } from "../src/config.ts";

describe("configuration", () => {
  it("defaults to the project's data/db.json and data/letters, from any working folder", () => {
    expect(loadConfig({})).toEqual({
      OMBUDS_DB: resolve(ROOT, "data/db.json"),
      OMBUDS_LETTERS: resolve(ROOT, "data/letters"),
    });
  });

  it("takes relative paths from the working folder, and treats an empty variable as unset", () => {
    const config = loadConfig({ OMBUDS_DB: "tmp/store.json", OMBUDS_LETTERS: "" });
    expect(config.OMBUDS_DB).toBe(resolve("tmp/store.json"));
    expect(config.OMBUDS_LETTERS).toBe(resolve(ROOT, "data/letters"));
  });
});
