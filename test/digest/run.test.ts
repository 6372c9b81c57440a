import { describe, expect, it } from "vitest";
import { runDueDigests } from "../../src/digest/run.ts";
import { fakePost, holdingsOf, logged, storeWith, subscription } from "./support.ts";

describe("perf", () => {
  it("loop", async () => {
    const store = await storeWith([subscription({ createdAt: "2026-03-14T00:00:00.000Z" })]);
    let now = new Date("2026-03-14T00:00:00.000Z");
    const { post, calls } = fakePost(() => now);
    const { logger } = logged();
    const holdings = await holdingsOf(store);
    const t = performance.now();
    for (let i = 0; i < 1000; i++) {
      await runDueDigests({ storeFile: store, holdings, post, logger, now: () => now });
      now = new Date(now.getTime() + 15 * 60_000);
    }
    console.log(performance.now() - t, calls.map((c) => c.at));
  });
});
