import { execFile } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import type { Digest } from "../../src/digest/compose.ts";
import { parseLetter } from "../../src/letters/parse.ts";
import { Letter } from "../../src/letters/schema.ts";
import { countFigures } from "../../src/store/changes.ts";
import { dueSubscription } from "../fixtures/subscriptions.ts";
import { runBinary } from "../support/binary.ts";
import { SAMPLES, sampleFolder, tempDir } from "../support/tmp.ts";
import { ombuds } from "./ombuds.ts";

/**
 * The `ombuds` command, run in this process through the same entry the binary uses (`runProgram`), with its own
 * environment and store. The last two tests run the real binary: through npx as after `npm ci`, and `npm start`'s
 * console end to end.
 */

describe("ombuds parse", () => {
  it("--json prints a JSON array of records in DESIGN.md's field names", async () => {
    const { code, stdout } = await ombuds([
      "parse",
      `${SAMPLES}/sefton.txt`,
      `${SAMPLES}/bury.txt`,
      "--json",
    ]);
    expect(code).toBe(0);
    const records = JSON.parse(stdout);
    expect(records.map((r: unknown) => Letter.parse(r).id)).toEqual(["sefton/2020", "bury/2020"]);
    expect(Object.keys(records[0])).toEqual([
      "id",
      "authority",
      "year",
      "letterDate",
      "period",
      "recipient",
      "stats",
      "concerns",
      "source",
      "warnings",
    ]);
  });

  it("prints records for people, and problems to stderr", async () => {
    const { code, stdout, stderr } = await ombuds(["parse", `${SAMPLES}/bath-and-north-east-somerset.txt`]);
    expect(code).toBe(0);
    expect(stdout).toContain("Bath and North East Somerset Council (unitary council)");
    expect(stdout).toContain("Statistics:  none in this letter");
    expect(stderr).toMatch(
      /bath-and-north-east-somerset\.txt: warning: stats: the letter has no statistics section/,
    );
  });

  it("exits 1 when a file is not a letter, naming the file and why, and still prints the good ones", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "agenda.txt"), "Agenda\n\n1. Apologies\n2. Minutes");
    const { code, stdout, stderr } = await ombuds([
      "parse",
      `${SAMPLES}/sefton.txt`,
      join(dir, "agenda.txt"),
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain("Sefton Metropolitan Borough Council");
    expect(stderr).toMatch(/agenda\.txt: error: document: is not an Ombudsman annual review letter/);
  });
});

describe("ombuds ingest", () => {
  it("defaults to the letters folder and summarises added / updated / unchanged / failed", async () => {
    const env = { OMBUDS_DB: join(tempDir(), "db.json"), OMBUDS_LETTERS: sampleFolder() };
    const first = await ombuds(["ingest"], env);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toMatch(/5 added, 0 updated, 0 unchanged, 0 failed/);
    const second = await ombuds(["ingest"], env);
    expect(second.stdout).toMatch(/0 added, 0 updated, 5 unchanged, 0 failed/);
  });

  it("exits 1 when any input failed, listing each failure's file and reason; the good ones are stored", async () => {
    const store = join(tempDir(), "db.json");
    const { code, stdout, stderr } = await ombuds(["ingest", SAMPLES, "no/such/letter.txt"], {
      OMBUDS_DB: store,
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/5 added, 0 updated, 0 unchanged, 1 failed/);
    expect(stderr).toContain("no/such/letter.txt: error: file: does not exist");
    expect(JSON.parse(readFileSync(store, "utf8")).letters).toHaveLength(5);
  });

  it("keeps a stored letter with more figures (exit 1, naming the file); --replace replaces it and says what changed", async () => {
    const store = join(tempDir(), "db.json");
    const file = `${SAMPLES}/sefton.txt`;
    const parsed = parseLetter(readFileSync(file), file);
    if (!parsed.ok) throw new Error(parsed.error.reason);
    // The stored record has the 2024 per-100,000 figures that this file does not give.
    const stored = structuredClone(parsed.value);
    if (stored.stats.upheld) stored.stats.upheld.perHundredThousand = { value: 4.8, similarAverage: null };
    writeFileSync(store, JSON.stringify({ schemaVersion: 2, letters: [stored] }));
    const [figures, storedFigures] = [countFigures(parsed.value), countFigures(stored)];

    const kept = await ombuds(["ingest", file], { OMBUDS_DB: store });
    expect(kept.code).toBe(1);
    expect(kept.stdout).toMatch(/0 added, 0 updated, 0 unchanged, 0 failed, 1 not stored/);
    expect(kept.stderr).toBe(
      `${file}: not stored: sefton/2020 has ${figures} figures where the stored letter (from ${file}) has ${storedFigures}; stored letter kept; use --replace to replace it\n`,
    );

    const replaced = await ombuds(["ingest", file, "--replace", "--json"], { OMBUDS_DB: store });
    expect(replaced).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(replaced.stdout)).toMatchObject({
      updated: [{ id: "sefton/2020", file, changes: ["stats.upheld.perHundredThousand.value 4.8 → null"] }],
      kept: [],
    });
    expect(JSON.parse(readFileSync(store, "utf8")).letters[0].stats.upheld.perHundredThousand).toBeNull();
  });

  it("prints each updated letter with what changed", async () => {
    const letters = sampleFolder();
    const env = { OMBUDS_DB: join(tempDir(), "db.json"), OMBUDS_LETTERS: letters };
    await ombuds(["ingest"], env);
    const bury = join(letters, "2020", "bury.txt");
    const text = readFileSync(bury, "utf8").replace("40% of complaints", "47% of complaints");
    writeFileSync(bury, text.replace("6\nupheld decisions", "7\nupheld decisions"));
    const { code, stdout } = await ombuds(["ingest"], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/0 added, 1 updated, 4 unchanged, 0 failed\n/);
    expect(stdout).toMatch(
      /^ {2}updated: bury\/2020 from .*bury\.txt: stats\.upheld\.rate 40 → 47; stats\.upheld\.count 6 → 7$/m,
    );
  });

  it("stops with a clear error on a store it cannot read, and leaves it untouched", async () => {
    const store = join(tempDir(), "db.json");
    writeFileSync(store, "<html>not a store</html>");
    const { code, stderr } = await ombuds(["ingest", SAMPLES], { OMBUDS_DB: store });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^ombuds: ${store}: is not JSON \\(.*\\); it was left untouched\\n$`));
    expect(readFileSync(store, "utf8")).toBe("<html>not a store</html>");
  });

  it("stops with one line naming the file when the store's folder cannot be made", async () => {
    const blocker = join(tempDir(), "a-file");
    writeFileSync(blocker, "");
    const store = join(blocker, "db.json");
    const { code, stdout, stderr } = await ombuds(["ingest", SAMPLES], { OMBUDS_DB: store });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(`ombuds: ${blocker}: is a file where a folder is needed\n`);
  });
});

describe("usage", () => {
  for (const [args, line] of [
    [["frobnicate"], "ombuds: frobnicate: is not a command; see ombuds --help\n"],
    [["ingst"], "ombuds: ingst: is not a command (Did you mean ingest?); see ombuds --help\n"],
    [["parse"], "ombuds: parse: missing required argument 'files'; see ombuds parse --help\n"],
    [["ingest", "--bogus"], "ombuds: ingest: unknown option '--bogus'; see ombuds ingest --help\n"],
    [["digest"], "ombuds: digest: give one of --dry-run or --send; see ombuds digest --help\n"],
    [
      ["digest", "--dry-run", "--send"],
      "ombuds: digest: give one of --dry-run or --send; see ombuds digest --help\n",
    ],
  ] as const) {
    it(`\`ombuds ${args.join(" ")}\` is bad usage: exit 2, with one line saying what and why`, async () => {
      const { code, stdout, stderr } = await ombuds([...args]);
      expect(code).toBe(2);
      expect(stderr).toBe(line);
      expect(stdout).toBe("");
    });
  }

  it("`ombuds` alone is bad usage: exit 2, with the usage on stderr", async () => {
    const { code, stdout, stderr } = await ombuds([]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^Usage: ombuds/);
    expect(stdout).toBe("");
  });

  for (const command of ["", "parse", "ingest", "ask", "digest", "start"]) {
    it(`\`ombuds ${command} --help\` explains the command and exits 0`, async () => {
      const { code, stdout, stderr } = await ombuds([...(command ? [command] : []), "--help"]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: ombuds ${command}`));
      expect(stderr).toBe("");
    });
  }

  it("`ombuds --version` and `-V` print package.json's version and exit 0", async () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ["--version", "-V"]) {
      expect(await ombuds([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("a malformed variable stops the command: exit 2, one line naming it and saying what it must be, never its value", async () => {
    const { code, stdout, stderr } = await ombuds(["ask", "Sefton"], { PORT: "eighty", OMBUDS_DB: "x.json" });
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("ombuds: PORT: must be a whole number\n");
    const mode = await ombuds(["ask", "Sefton"], { SLACK_MODE: "carrier-pigeon" });
    expect(mode.stderr).toBe('ombuds: SLACK_MODE: must be "socket" or "http"\n');
  });
});

describe("ombuds ask", () => {
  it("prints the answer from the store at OMBUDS_DB", async () => {
    const env = { OMBUDS_DB: join(tempDir(), "db.json") };
    await ombuds(["ingest", SAMPLES], env);
    const { code, stdout } = await ombuds(["ask", "how does Stockport compare with similar councils?"], env);
    expect(code).toBe(0);
    expect(stdout).toContain("Stockport against similar authorities, 2020");
    expect(stdout).toContain("59% ██████░░░░ avg 67%");
  });

  it("exits 0 for a council it does not know, and --json prints the Answer object", async () => {
    const env = { OMBUDS_DB: join(tempDir(), "db.json") };
    await ombuds(["ingest", SAMPLES], env);
    const { code, stdout } = await ombuds(["ask", "Atlantis", "--json"], env);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      kind: "unknown_council",
      question: { unknown: [{ words: "Atlantis" }] },
    });
  });
});

describe("ombuds ask --chart", () => {
  it("writes the answer's chart as a PNG, the picture the Slack app posts, and says so on stderr", async () => {
    const dir = tempDir();
    const env = { OMBUDS_DB: join(dir, "db.json") };
    await ombuds(["ingest", SAMPLES], env);
    const out = join(dir, "sefton.png");
    const { code, stdout, stderr } = await ombuds(["ask", "Sefton", "--json", "--chart", out], env);
    expect(code).toBe(0);
    // stdout stays the Answer alone, for a script to read.
    expect(JSON.parse(stdout)).toMatchObject({ kind: "summary" });
    const png = PNG.sync.read(readFileSync(out));
    expect(png.width).toBe(1600);
    expect(stderr.startsWith(`Chart written to ${out} (1600×`)).toBe(true);
    expect(stderr).toContain("px): Bar chart: Sefton 2020");
    expect(stderr).toContain("Upheld 81% (average 67%)");
  });

  it("an answer with nothing to draw writes nothing and exits 1, naming the option", async () => {
    const dir = tempDir();
    const env = { OMBUDS_DB: join(dir, "db.json") };
    await ombuds(["ingest", SAMPLES], env);
    const out = join(dir, "help.png");
    const { code, stderr } = await ombuds(["ask", "help", "--chart", out], env);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `ombuds: --chart: this answer has no figures to draw; nothing was written to ${out}\n`,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe("ombuds digest --dry-run", () => {
  it("prints the digest of all councils as text", async () => {
    const env = { OMBUDS_DB: join(tempDir(), "db.json") };
    await ombuds(["ingest", SAMPLES], env);
    const { code, stdout } = await ombuds(["digest", "--dry-run"], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Ombudsman digest, week of /);
    expect(stdout).toContain("5 councils: 1 above the similar-authority average on complaints upheld");
    expect(stdout).toMatch(/Sefton 2020\s+upheld 81% \(avg 67%\)/);
  });

  it("--channel prints that channel's digest: its watch list, and what is new since its last post", async () => {
    const store = join(tempDir(), "db.json");
    await ombuds(["ingest", SAMPLES], { OMBUDS_DB: store });
    const data = JSON.parse(readFileSync(store, "utf8"));
    data.subscriptions = [
      {
        channel: "C0WATCH",
        councils: ["Bury Metropolitan Borough Council"],
        day: 1,
        time: "09:00",
        timeZone: "Europe/London",
        quiet: false,
        createdBy: "U0OFFICER",
        createdAt: "2026-01-05T10:00:00.000Z",
        lastSlot: "2026-01-12T09:00:00.000Z",
        lastPostedAt: "2026-01-12T09:00:05.000Z",
        paused: null,
      },
    ];
    writeFileSync(store, JSON.stringify(data));
    const { code, stdout } = await ombuds(["digest", "--dry-run", "--channel", "C0WATCH"], {
      OMBUDS_DB: store,
    });
    expect(code).toBe(0);
    expect(stdout).toContain("1 council: 0 above the similar-authority average");
    expect(stdout).toContain("New since 12 January 2026: 1 letter (Bury 2020)");
    expect(stdout).not.toContain("Sefton");
  });

  it("a channel with no subscription is bad usage (exit 2), naming the channels that have one", async () => {
    const env = { OMBUDS_DB: join(tempDir(), "db.json") };
    await ombuds(["ingest", SAMPLES], env);
    const { code, stderr } = await ombuds(["digest", "--dry-run", "--channel", "C0NONE"], env);
    expect(code).toBe(2);
    expect(stderr).toBe("ombuds: channel C0NONE: has no digest subscription (channels with one: none)\n");
  });
});

describe("ombuds digest --send", () => {
  /** A subscription whose weekly slot was an hour ago, London time: due now. */
  const dueNow = () => dueSubscription(3_600_000, { channel: "C0SEND" });

  it("needs SLACK_BOT_TOKEN: exit 2 with one line naming it, before anything is claimed", async () => {
    const store = join(tempDir(), "db.json");
    await ombuds(["ingest", SAMPLES], { OMBUDS_DB: store });
    const before = readFileSync(store, "utf8");
    const { code, stderr } = await ombuds(["digest", "--send"], { OMBUDS_DB: store });
    expect(code).toBe(2);
    expect(stderr).toBe("ombuds: SLACK_BOT_TOKEN: is required to post digests (--send)\n");
    expect(readFileSync(store, "utf8")).toBe(before);
  });

  it("posts each due digest once through the poster the top of the program gives, with the token and API URL", async () => {
    const store = join(tempDir(), "db.json");
    await ombuds(["ingest", SAMPLES], { OMBUDS_DB: store });
    const data = JSON.parse(readFileSync(store, "utf8"));
    data.subscriptions = [dueNow()];
    writeFileSync(store, JSON.stringify(data));
    const posted: { channel: string; digest: Digest }[] = [];
    const slack: unknown[] = [];
    const top = {
      digestPoster: async (settings: unknown) => {
        slack.push(settings);
        return async (channel: string, digest: Digest) => {
          posted.push({ channel, digest });
          return { ts: "1700000000.000100" };
        };
      },
    };
    const env = {
      OMBUDS_DB: store,
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_API_URL: "http://127.0.0.1:9/api",
      LOG_LEVEL: "silent",
    };
    const first = await ombuds(["digest", "--send"], env, { top });
    expect(first).toEqual({ code: 0, stdout: "1 posted, 0 skipped, 0 failed\n", stderr: "" });
    expect(slack).toEqual([{ botToken: "xoxb-test", apiUrl: "http://127.0.0.1:9/api/" }]);
    expect(posted.map((p) => p.channel)).toEqual(["C0SEND"]);
    expect(posted[0]?.digest.councils.length).toBe(5);
    const again = await ombuds(["digest", "--send"], env, { top });
    expect(again.stdout).toBe("0 posted, 0 skipped, 0 failed\n");
    expect(posted).toHaveLength(1);
  });
});

describe("ombuds start without Slack tokens", () => {
  it("names a letter that failed on stderr, still answers at the console, and exits 1 when the input ends", async () => {
    const letters = sampleFolder();
    writeFileSync(join(letters, "minutes.txt"), "Minutes of the scrutiny committee, 3 March 2020.\n");
    const { code, stdout, stderr } = await ombuds(
      ["start"],
      { OMBUDS_DB: join(tempDir(), "db.json"), OMBUDS_LETTERS: letters },
      { stdin: "/ombuds Bury\nexit\n" },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^.*minutes\.txt: error: /);
    expect(stdout).toMatch(/5 letters for 5 councils .*\(5 just ingested/);
    expect(stdout).toContain("Bury Metropolitan Borough Council: 2020 annual review letter");
  });
});

describe("the real binary", () => {
  it("`npx ombuds` runs the package's own command, as in a fresh clone after npm ci", async () => {
    const { stdout } = await new Promise<{ stdout: string }>((done, fail) =>
      execFile("npx", ["--no-install", "ombuds", "--help"], (error, stdout) =>
        error ? fail(error) : done({ stdout }),
      ),
    );
    expect(stdout).toMatch(/^Usage: ombuds/);
    expect(stdout).toContain("ingest [options] [paths...]");
  });

  it("`npm start` without Slack tokens ingests the letters the store lacks, then answers at the console, loading nothing of Slack", async () => {
    // Any import of a @slack package fails the process (test/cli/refuse-slack.mjs), so an answer proves none loaded.
    const { code, stdout, stderr } = await runBinary(["start"], {
      env: { OMBUDS_DB: join(tempDir(), "db.json"), OMBUDS_LETTERS: sampleFolder() },
      preload: ["--import", resolve("test/cli/refuse-slack.mjs")],
      stdin: "/ombuds Sefton\nwho had witness summonses?\n",
    }).done;
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/5 letters for 5 councils .*\(5 just ingested/);
    expect(stdout).toContain("SLACK_BOT_TOKEN");
    expect(stdout).toContain("Complaints upheld: 81%");
    expect(stdout).toContain("Councils with a witness summons, 2020");
  });
});
