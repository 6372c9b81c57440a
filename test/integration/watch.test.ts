import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestPaths } from "../../src/store/ingest.ts";
import { readStore, updateStore } from "../../src/store/store.ts";
import { type FakeSlack, startSlack } from "../../testkit/slack/index.ts";
import { seftonLetter2025 } from "../fixtures/new-letter.ts";
import { subscription } from "../fixtures/subscriptions.ts";
import { type Run, runBinary } from "../support/binary.ts";
import { SAMPLES } from "../support/tmp.ts";
import { capturedProblems, SECRET } from "./app.ts";

/*
 * A letter file dropped into the letters folder while the bot runs (issue "New letters while running"): `ombuds
 * start` as `npm start` runs it, over HTTP, against the loopback Slack stand-in, with a digest channel watching
 * Sefton and one watching Bury. The tests run in order on one folder and store, as the bot would meet them (a folder
 * of the file's own: test/support/tmp.ts removes its folders after each test). Every wait is on a log line or the
 * stand-in.
 */

const SEFTON = "Sefton Metropolitan Borough Council";
const BURY = "Bury Metropolitan Borough Council";
/** How long the watch waits for a file to settle and a batch to gather (WATCH_TIMINGS), and a margin. */
const SETTLE_MS = 1000 + 300 + 400;

type Line = Record<string, unknown>;

/** The bot's JSON log lines so far. */
const linesOf = (run: Run): Line[] =>
  run
    .stderr()
    .split("\n")
    .filter((text) => text.startsWith("{"))
    .map((text) => JSON.parse(text) as Line);

/** The `nth` (1-based) log line `match` accepts, already written or to come; fails after 10 s. */
async function line(run: Run, match: (line: Line) => boolean, nth = 1): Promise<Line> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = linesOf(run).filter(match)[nth - 1];
    if (found) return found;
    if (Date.now() > deadline || run.child.exitCode !== null) {
      throw new Error(`no such log line; the bot wrote:\n${run.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const msg = (text: string) => (l: Line) => String(l.msg).includes(text);

/** The batches logged after the first `skip`, until they have named every one of `files`. */
async function batchesCovering(run: Run, files: string[], skip = 0): Promise<Line[]> {
  const batches: Line[] = [];
  const named = new Set<unknown>();
  while (!files.every((file) => named.has(file))) {
    const batch = await line(run, msg("letter files changed in the folder"), skip + batches.length + 1);
    batches.push(batch);
    for (const file of batch.files as unknown[]) named.add(file);
  }
  return batches;
}
const sum = (batches: Line[], key: string) => batches.reduce((total, b) => total + Number(b[key]), 0);

describe("a letter added to the folder while the bot runs", () => {
  let slack: FakeSlack;
  let bot: Run | undefined;
  let dir: string;
  let letters: string;
  let store: string;
  const sefton = () => join(letters, "2025", "sefton.txt");
  const minutes = () => join(letters, "2025", "minutes.txt");

  function start(): Promise<Line> {
    bot = runBinary(["start"], {
      env: {
        SLACK_MODE: "http",
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: "0",
        OMBUDS_DB: store,
        OMBUDS_LETTERS: letters,
      },
    });
    return line(bot, msg("ombuds is running"));
  }
  async function stop(): Promise<number | null> {
    const running = bot;
    bot = undefined;
    if (!running || running.child.exitCode !== null) return running?.child.exitCode ?? null;
    running.child.kill("SIGTERM");
    return (await running.done).code;
  }

  beforeAll(async () => {
    slack = await startSlack();
    dir = mkdtempSync(join(tmpdir(), "ombuds-watch-"));
    letters = join(dir, "letters");
    cpSync(SAMPLES, join(letters, "2020"), { recursive: true });
    // There before the bot starts, as a year's folder usually is: a file in a folder just made is found later.
    mkdirSync(join(letters, "2025"));
    store = join(dir, "db.json");
    await ingestPaths(store, [letters]);
    // Made just now, so no digest is due: the only posts are announcements.
    const createdAt = new Date().toISOString();
    await updateStore(store, (data) => {
      data.subscriptions = [
        subscription({ channel: "C0SEFTON", councils: [SEFTON], createdAt }),
        subscription({ channel: "C0BURY", councils: [BURY], createdAt }),
      ];
      return { changed: true, result: undefined };
    });
  });
  afterAll(async () => {
    await stop();
    await slack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is ingested and announced once, in the channel watching its council; a file beside it that is not a letter is logged with its reason", async () => {
    expect(await start()).toMatchObject({ watching: letters, ingested: 0 });
    writeFileSync(sefton(), seftonLetter2025());
    writeFileSync(minutes(), "Minutes of the scrutiny committee, 3 March 2025.\n");
    const post = await slack.waitFor("chat.postMessage");
    expect(post.args).toMatchObject({
      channel: "C0SEFTON",
      text: "New Ombudsman letter: Sefton 2025, upheld 70% (average 65%)",
    });
    expect(JSON.stringify(post.args.blocks)).toContain(
      "compliance 90% (average 99%) · remedy 43% (average 11%)",
    );
    const running = bot as Run;
    // Usually one batch; two if the files settled far enough apart, which is not what this test is about.
    const batches = await batchesCovering(running, [sefton(), minutes()]);
    expect(sum(batches, "added")).toBe(1);
    expect(sum(batches, "failed")).toBe(1);
    expect(await line(running, msg("a letter file was not ingested"))).toMatchObject({
      file: minutes(),
      field: expect.any(String),
      reason: expect.stringMatching(/\w/),
    });
    expect(
      await line(running, (l) => msg("the batch's letters announced")(l) && l.posted === 1),
    ).toMatchObject({
      failed: 0,
    });
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
    // With its chart, in the announcement's thread.
    const chart = await slack.waitFor("files.completeUploadExternal", { timeoutMs: 10_000 });
    expect(chart.args).toMatchObject({ channel_id: "C0SEFTON", thread_ts: expect.any(String) });
    expect(String(slack.calls("files.getUploadURLExternal")[0]?.args.alt_text)).toContain(
      "Upheld 70% (average 65%)",
    );
    expect(capturedProblems(slack)).toEqual([]);
    const { data } = await readStore(store);
    // Nothing stored was lost, and the new letter is there, its announcement recorded.
    expect(data.letters.map((l) => l.id)).toEqual([
      "bath-and-north-east-somerset/2020",
      "bromsgrove/2020",
      "bury/2020",
      "sefton/2020",
      "sefton/2025",
      "stockport/2020",
    ]);
    expect(data.announcements).toEqual([
      expect.objectContaining({ letter: "sefton/2025", channel: "C0SEFTON", status: "posted" }),
    ]);
  });

  it("saved again with the same figures, it is ingested as an update and not announced again", async () => {
    const running = bot as Run;
    const seen = linesOf(running).filter(msg("the batch's letters announced")).length;
    writeFileSync(sefton(), `${seftonLetter2025()}\n`);
    const [batch] = await batchesCovering(running, [sefton()], seen);
    expect(batch).toMatchObject({ files: [sefton()], updated: 1 });
    expect(await line(running, msg("the batch's letters announced"), seen + 1)).toMatchObject({ posted: 0 });
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
  });

  it("a restart announces nothing: the letters are stored, and the watch reports only what changes after", async () => {
    expect(await stop()).toBe(0);
    expect(await start()).toMatchObject({ ingested: 0 });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    expect(linesOf(bot as Run).filter(msg("letter files changed in the folder"))).toEqual([]);
    expect(slack.calls("chat.postMessage")).toHaveLength(1);
  });
});
