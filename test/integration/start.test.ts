import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeSlack, postSigned, slashCommand, startSlack } from "../../testkit/slack/index.ts";
import { runBinary } from "../support/binary.ts";
import { sampleFolder, tempDir } from "../support/tmp.ts";
import { SECRET } from "./app.ts";

/** `ombuds start`, its output read as it comes. */
const run = (env: Record<string, string>) => runBinary(["start"], { env });

async function until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("npm start with Slack tokens", () => {
  let slack: FakeSlack | undefined;
  afterEach(async () => {
    await slack?.close();
  });

  it("ingests the letters, serves /ombuds over HTTP, logs as JSON, and stops cleanly on SIGTERM", async () => {
    slack = await startSlack();
    const letters = sampleFolder();
    // A file that is not a letter: named on stderr, and the bot starts with the others.
    writeFileSync(join(letters, "minutes.txt"), "Minutes of the scrutiny committee, 3 March 2020.\n");
    const { child, stderr } = run({
      SLACK_MODE: "http",
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: "0",
      OMBUDS_DB: join(tempDir(), "db.json"),
      OMBUDS_LETTERS: letters,
    });
    const running = await until(
      () =>
        stderr()
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as { msg?: string; port?: number; letters?: number })
          .find((line) => line.msg === "ombuds is running"),
      20_000,
      "the running log line",
    );
    expect(running).toMatchObject({ letters: 5 });
    expect(stderr()).toMatch(/minutes\.txt: error: /);
    await postSigned(`http://127.0.0.1:${running.port}/slack/events`, {
      ...slashCommand({ text: "Stockport", response_url: slack.responseUrl("started") }),
      secret: SECRET,
    });
    expect(JSON.stringify((await slack.waitForResponse("started")).body)).toContain("59%");
    child.kill("SIGTERM");
    const code = await new Promise((done) => child.on("exit", done));
    expect(code).toBe(0);
    expect(stderr()).toContain('"msg":"stopping"');
    expect(stderr()).not.toContain(SECRET);
  });

  it("a missing token stops start-up with a message naming it, never printing a secret", async () => {
    const { child, stderr } = run({
      SLACK_MODE: "http",
      SLACK_BOT_TOKEN: "xoxb-very-secret-token",
      OMBUDS_DB: join(tempDir(), "db.json"),
    });
    const code = await new Promise((done) => child.on("exit", done));
    expect(code).toBe(2);
    expect(stderr()).toContain("SLACK_SIGNING_SECRET: is required when SLACK_MODE=http");
    expect(stderr()).not.toContain("very-secret");
  });
});
