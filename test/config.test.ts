import { execFile } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, ROOT, slackSettings } from "../src/config.ts";
import { readStore } from "../src/store/store.ts";
import { sampleFolder, tempDir } from "./support/tmp.ts";

const execute = promisify(execFile);

describe("configuration", () => {
  it("defaults to the project's data/db.json and data/letters, socket mode, port 3000, from any working folder", () => {
    expect(loadConfig({})).toEqual({
      OMBUDS_DB: resolve(ROOT, "data/db.json"),
      OMBUDS_LETTERS: resolve(ROOT, "data/letters"),
      LOG_LEVEL: "info",
      SLACK_MODE: "socket",
      PORT: 3000,
    });
  });

  it("takes relative paths from the project folder, not the working folder, and treats an empty variable as unset", () => {
    const config = loadConfig({ OMBUDS_DB: "tmp/store.json", OMBUDS_LETTERS: "" });
    expect(config.OMBUDS_DB).toBe(resolve(ROOT, "tmp/store.json"));
    expect(config.OMBUDS_LETTERS).toBe(resolve(ROOT, "data/letters"));
    expect(loadConfig({ OMBUDS_DB: "/srv/ombuds/db.json" }).OMBUDS_DB).toBe("/srv/ombuds/db.json");
  });

  it("run from another folder (as cron runs `ombuds digest --send`), relative paths still mean the project's", async () => {
    // A store and letters folder given relative to the project, as .env.example gives them; each command run from a
    // folder of its own, where the same relative paths would find nothing.
    const store = join(tempDir(), "db.json");
    const letters = sampleFolder();
    const env = {
      ...process.env,
      OMBUDS_DB: relative(ROOT, store),
      OMBUDS_LETTERS: relative(ROOT, letters),
      SLACK_BOT_TOKEN: "",
      SLACK_APP_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
    };
    const bin = join(ROOT, "bin/ombuds.js");
    // Deeper than the project folder, so that the paths taken from here could not land on the same files by chance.
    const elsewhere = join(tempDir(), "a", "b", "c");
    mkdirSync(elsewhere, { recursive: true });
    const ingest = await execute(process.execPath, [bin, "ingest"], { cwd: elsewhere, env });
    expect(ingest.stdout).toMatch(/5 added/);
    const ask = await execute(process.execPath, [bin, "ask", "Sefton"], { cwd: elsewhere, env });
    expect(ask.stdout).toContain("Sefton Metropolitan Borough Council: 2020 annual review letter");
    expect((await readStore(store)).data.letters).toHaveLength(5);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it("with no Slack variable at all there is no Slack connection: npm start opens the local console", () => {
    expect(slackSettings(loadConfig({}))).toBeNull();
  });

  it("Socket Mode needs the bot token and the app-level token, and names the one that is missing", () => {
    expect(() => slackSettings(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" }))).toThrow(
      /^SLACK_APP_TOKEN: is required/,
    );
    expect(slackSettings(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-2" }))).toEqual({
      mode: "socket",
      botToken: "xoxb-1",
      appToken: "xapp-2",
    });
  });

  it("HTTP mode needs the bot token and the signing secret, and listens on PORT", () => {
    const env = { SLACK_MODE: "http", SLACK_BOT_TOKEN: "xoxb-1", PORT: "8080" };
    expect(() => slackSettings(loadConfig(env))).toThrow(
      /^SLACK_SIGNING_SECRET: is required when SLACK_MODE=http/,
    );
    expect(
      slackSettings(
        loadConfig({ ...env, SLACK_SIGNING_SECRET: "s3cr3t-value", SLACK_API_URL: "http://127.0.0.1:9/api" }),
      ),
    ).toEqual({
      mode: "http",
      botToken: "xoxb-1",
      signingSecret: "s3cr3t-value",
      port: 8080,
      apiUrl: "http://127.0.0.1:9/api/",
    });
  });

  for (const [variable, value] of [
    ["SLACK_BOT_TOKEN", "xapp-not-a-bot-token"],
    ["SLACK_APP_TOKEN", "secret-value-123"],
    ["SLACK_MODE", "carrier-pigeon"],
    ["PORT", "eighty"],
    ["SLACK_API_URL", "ftp://example"],
    ["LOG_LEVEL", "loud"],
  ] as const) {
    it(`a malformed ${variable} stops start-up with a message naming it, never the value`, () => {
      let error: unknown;
      try {
        loadConfig({ [variable]: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message).not.toContain(value);
      // A sentence for a person, after the name: not zod's "Invalid input: expected number, received NaN".
      expect((error as ConfigError).message).toMatch(new RegExp(`^${variable}: (?:must|is) `));
      expect((error as ConfigError).message).not.toMatch(/invalid|expected|received/i);
    });
  }

  it("DIGEST_ADMINS is a comma-separated list of Slack user ids; anything else stops start-up without echoing it", () => {
    expect(loadConfig({}).DIGEST_ADMINS).toBeUndefined();
    expect(loadConfig({ DIGEST_ADMINS: "" }).DIGEST_ADMINS).toBeUndefined();
    expect(loadConfig({ DIGEST_ADMINS: "U0ALICE, W0BOB ,,U0CAROL" }).DIGEST_ADMINS).toEqual([
      "U0ALICE",
      "W0BOB",
      "U0CAROL",
    ]);
    for (const value of ["alice", "U0ALICE,<!channel>", "u0alice", "@U0ALICE"]) {
      let error: unknown;
      try {
        loadConfig({ DIGEST_ADMINS: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(
        "DIGEST_ADMINS: must be Slack user ids (U… or W…) separated by commas",
      );
    }
  });

  it("says what each malformed variable must be, in words", () => {
    const said = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as ConfigError).message;
      }
      return "no error";
    };
    expect(said({ PORT: "eighty" })).toBe("PORT: must be a whole number");
    expect(said({ PORT: "3.5" })).toBe("PORT: must be a whole number");
    expect(said({ PORT: "70000" })).toBe("PORT: must be at most 65535");
    expect(said({ PORT: "-1" })).toBe("PORT: must be at least 0");
    expect(said({ SLACK_MODE: "carrier-pigeon" })).toBe('SLACK_MODE: must be "socket" or "http"');
    expect(said({ LOG_LEVEL: "loud" })).toBe(
      'LOG_LEVEL: must be "fatal", "error", "warn", "info", "debug", "trace" or "silent"',
    );
    expect(said({ SLACK_BOT_TOKEN: "xapp-1" })).toBe('SLACK_BOT_TOKEN: must be a bot token starting "xoxb-"');
    expect(said({ SLACK_API_URL: "ftp://example" })).toBe(
      "SLACK_API_URL: must be an http(s) URL such as https://slack.com/api/",
    );
  });
});
