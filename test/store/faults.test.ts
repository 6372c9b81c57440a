import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestPaths, readStore, StoreError, type StoreFs } from "../../src/store/index.ts";
import { runBinary } from "../support/binary.ts";
import { readdressed, SAMPLES, sampleFolder, tempDir } from "../support/tmp.ts";
import { AS_ROOT, fullDisk, readOnlyFs } from "./faults.ts";

/** A store holding the five sample letters, in a folder of its own; and that folder of letters. */
async function sampleStore(): Promise<{ store: string; folder: string; letters: string }> {
  const folder = tempDir();
  const store = join(folder, "db.json");
  const letters = sampleFolder();
  await ingestPaths(store, [letters]);
  return { store, folder, letters };
}

/**
 * Make `folder` one ombuds cannot write to. Not as root: chmod 0555, the real thing. As root (chmod stops nothing),
 * the same failure (EACCES on every change under it) injected: through the store's `fs` in this process, and for a
 * child process through test/store/read-only-folder.cjs. `restore` makes it writable again for the clean-up.
 */
function readOnly(folder: string): {
  fs: StoreFs | undefined;
  child: { args: string[]; env: Record<string, string> };
  restore: () => void;
} {
  if (!AS_ROOT) {
    chmodSync(folder, 0o555);
    return { fs: undefined, child: { args: [], env: {} }, restore: () => chmodSync(folder, 0o755) };
  }
  return {
    fs: readOnlyFs(folder),
    child: {
      args: ["--require", resolve("test/store/read-only-folder.cjs")],
      env: { OMBUDS_READ_ONLY: folder },
    },
    restore: () => {},
  };
}

const run = runBinary;

const settledWithin = async <T>(promise: Promise<T>) => {
  const started = Date.now();
  const value = await promise;
  return { value, ms: Date.now() - started };
};

describe(`a store in a folder ombuds cannot write to (${AS_ROOT ? "as root, whom chmod does not stop: EACCES injected" : "chmod 0555"})`, () => {
  it("an ingest that would change something fails at once, naming the folder, and leaves everything as it was", async () => {
    const { store, folder } = await sampleStore();
    const before = readFileSync(store);
    const extra = readdressed(tempDir(), ["Wigan Metropolitan Borough Council"]);
    const denied = readOnly(folder);
    try {
      const { value: error, ms } = await settledWithin(
        ingestPaths(store, extra, { fs: denied.fs }).catch((e: unknown) => e),
      );
      expect(ms).toBeLessThan(2000);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toBe(
        `${store}: cannot be changed: the folder ${folder} is not writable (EACCES); the store was left as it was`,
      );
    } finally {
      denied.restore();
    }
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(["db.json", "db.json.checked"]);
  });

  it("says so for a read-only file system too (EROFS, injected)", async () => {
    const { store, folder } = await sampleStore();
    const extra = readdressed(tempDir(), ["Wigan Metropolitan Borough Council"]);
    const error = await ingestPaths(store, extra, { fs: readOnlyFs(folder, "EROFS") }).catch(
      (e: unknown) => e,
    );
    expect((error as StoreError).reason).toMatch(`the folder ${folder} is not writable (EROFS)`);
  });

  it("an ingest of letters all stored already needs neither the lock nor a write: it reports them unchanged", async () => {
    const { store, folder, letters } = await sampleStore();
    const before = { bytes: readFileSync(store), mtime: statSync(store).mtimeMs };
    const denied = readOnly(folder);
    try {
      const report = await ingestPaths(store, [letters], { fs: denied.fs });
      expect(report).toMatchObject({ added: [], updated: [], kept: [], failed: [] });
      expect(report.unchanged).toHaveLength(5);
      if (denied.fs) expect((denied.fs as ReturnType<typeof readOnlyFs>).changes).toEqual([]);
    } finally {
      denied.restore();
    }
    expect(readFileSync(store).equals(before.bytes)).toBe(true);
    expect(statSync(store).mtimeMs).toBe(before.mtime);
    expect(readdirSync(folder).sort()).toEqual(["db.json", "db.json.checked"]);
  });

  it("`ombuds start` over unchanged letters answers (exit 0); `ombuds ingest` of a new letter fails at once, naming the folder", async () => {
    const { store, folder, letters } = await sampleStore();
    const extra = readdressed(tempDir(), ["Wigan Metropolitan Borough Council"]);
    const denied = readOnly(folder);
    try {
      const env = { ...denied.child.env, OMBUDS_DB: store, OMBUDS_LETTERS: letters };
      const started = Date.now();
      const [start, ingest] = await Promise.all([
        run(["start"], { env, preload: denied.child.args, stdin: "/ombuds Sefton\n" }).done,
        run(["ingest", ...extra], { env, preload: denied.child.args }).done,
      ]);
      // Both processes' start-up (bundle check, Node) included: the point is no 95 s wait on a lock.
      expect(Date.now() - started).toBeLessThan(5000);
      expect(start.stderr).toBe("");
      expect(start.code).toBe(0);
      expect(start.stdout).toMatch(/5 letters for 5 councils in /);
      expect(start.stdout).toContain("Sefton Metropolitan Borough Council: 2020 annual review letter");
      expect(ingest).toMatchObject({ code: 1, stdout: "" });
      expect(ingest.stderr).toBe(
        `ombuds: ${store}: cannot be changed: the folder ${folder} is not writable (EACCES); the store was left as it was\n`,
      );
    } finally {
      denied.restore();
    }
    expect(readdirSync(folder).sort()).toEqual(["db.json", "db.json.checked"]);
  });
});

describe("a lock whose holder is gone", () => {
  it("kill -9 in the middle of an ingest's write: the next ingest waits while it lives, then goes on within 2 s and leaves no temporary file", async () => {
    const { store, folder } = await sampleStore();
    const before = readFileSync(store, "utf8");
    // The child stops with the lock held and its temporary file written, just before renaming it over the store.
    const holder = run(["ingest", ...readdressed(tempDir(), ["Wigan Metropolitan Borough Council"])], {
      env: { OMBUDS_DB: store },
      preload: ["--require", resolve("test/store/hang-on-write.cjs")],
    });
    await new Promise<void>((ready, fail) => {
      holder.child.stderr?.on("data", (chunk) => String(chunk).includes("writing: ") && ready());
      holder.done.then((r) => fail(new Error(`the holder ended first: ${r.stderr}`)));
    });
    expect(readdirSync(folder).sort()).toEqual([
      expect.stringMatching(/^\.db\.json\.\d+\.[0-9a-f]+\.tmp$/),
      "db.json",
      "db.json.checked",
      "db.json.lock",
    ]);

    let settled = false;
    const next = ingestPaths(store, readdressed(tempDir(), ["Oldham Metropolitan Borough Council"])).finally(
      () => {
        settled = true;
      },
    );
    await new Promise((wait) => setTimeout(wait, 300));
    // A live holder on this machine is respected.
    expect(settled).toBe(false);
    expect(readFileSync(store, "utf8")).toBe(before);

    holder.child.kill("SIGKILL");
    const killed = Date.now();
    expect((await holder.done).code).toBeNull();
    const report = await next;
    expect(Date.now() - killed).toBeLessThan(2000);
    expect(report.added).toEqual(["oldham/2020"]);
    expect((await readStore(store)).data.letters.map((l) => l.id)).toContain("oldham/2020");
    // The killed writer's temporary file is gone with its lock.
    expect(readdirSync(folder).sort()).toEqual(["db.json", "db.json.checked"]);
  });

  /** A lock folder as a holder described by `owner` (null: none, as proper-lockfile left it) made it. */
  function lockedBy(store: string, owner: object | null, touched = new Date()): void {
    mkdirSync(`${store}.lock`);
    if (owner) writeFileSync(join(`${store}.lock`, "owner"), JSON.stringify(owner));
    utimesSync(`${store}.lock`, touched, touched);
  }
  const wigan = () => readdressed(tempDir(), ["Wigan Metropolitan Borough Council"]);
  const minuteAgo = () => new Date(Date.now() - 60_000);

  it.skipIf(!existsSync("/proc/self/stat"))(
    "a holder whose pid now belongs to another process (pid reused) is gone: its lock is taken over at once",
    async () => {
      const { store, folder } = await sampleStore();
      // This process's pid, but another start time than this process's: the recorded holder died, the pid was reused.
      lockedBy(store, { pid: process.pid, host: hostname(), started: "1", token: "dead-holder" });
      const { value: report, ms } = await settledWithin(ingestPaths(store, wigan()));
      expect(ms).toBeLessThan(2000);
      expect(report.added).toEqual(["wigan/2020"]);
      expect(readdirSync(folder).sort()).toEqual(["db.json", "db.json.checked"]);
    },
  );

  it("a lock without an owner, untouched for a minute (an older ombuds killed), is taken over at once", async () => {
    const { store } = await sampleStore();
    lockedBy(store, null, minuteAgo());
    const { value: report, ms } = await settledWithin(ingestPaths(store, wigan()));
    expect(ms).toBeLessThan(2000);
    expect(report.added).toEqual(["wigan/2020"]);
  });

  it("a holder on another machine is waited for while it touches its lock, and taken over once it stops", async () => {
    const { store } = await sampleStore();
    const elsewhere = { pid: 1, host: `not-${hostname()}`, started: null, token: "elsewhere" };
    lockedBy(store, elsewhere);
    let settled = false;
    const next = ingestPaths(store, wigan()).finally(() => {
      settled = true;
    });
    await new Promise((wait) => setTimeout(wait, 300));
    expect(settled).toBe(false);
    // It stops touching it: a minute later the lock is stale.
    utimesSync(`${store}.lock`, minuteAgo(), minuteAgo());
    const { value: report, ms } = await settledWithin(next);
    expect(ms).toBeLessThan(2000);
    expect(report.added).toEqual(["wigan/2020"]);
  });
});

describe("replacing the store file", () => {
  for (const mode of [0o640, 0o600, 0o664]) {
    it(`keeps its permissions (${mode.toString(8)})`, async () => {
      const { store } = await sampleStore();
      chmodSync(store, mode);
      const report = await ingestPaths(store, readdressed(tempDir(), ["Wigan Metropolitan Borough Council"]));
      expect(report.added).toEqual(["wigan/2020"]);
      expect(statSync(store).mode & 0o7777).toBe(mode);
    });
  }

  for (const at of ["write", "sync", "rename"] as const) {
    it(`on a full disk (ENOSPC on ${at}) fails naming the store, leaves it intact and no temporary file`, async () => {
      const { store, folder } = await sampleStore();
      const before = readFileSync(store);
      const extra = readdressed(tempDir(), ["Wigan Metropolitan Borough Council"]);
      const error = await ingestPaths(store, extra, { fs: fullDisk(at) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).message).toMatch(
        new RegExp(`^${store}: could not be written \\(ENOSPC: .*\\); the previous store is intact$`),
      );
      expect(readFileSync(store).equals(before)).toBe(true);
      expect(readdirSync(folder).sort()).toEqual(["db.json", "db.json.checked"]);
      // Once there is room again, the same ingest goes through.
      expect((await ingestPaths(store, extra)).added).toEqual(["wigan/2020"]);
    });
  }

  it("a first write (no store yet) makes it with the usual permissions, and a store in a new folder makes the folder", async () => {
    const store = join(tempDir(), "new", "db.json");
    await ingestPaths(store, [SAMPLES]);
    const plain = join(tempDir(), "plain.json");
    writeFileSync(plain, "");
    expect(statSync(store).mode & 0o7777).toBe(statSync(plain).mode & 0o7777);
  });
});
