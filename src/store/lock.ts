import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { errorCode, type StoreFs } from "./files.ts";

/**
 * The store's lock: a folder beside it (`db.json.lock`), since making a folder is atomic everywhere, even over NFS;
 * the same folder proper-lockfile made, so an older ombuds still running respects it and is respected. Inside, an
 * `owner` file names the holder (pid, machine, when the process started), so a waiter can tell at once that the
 * holder is gone (`kill -9` mid-ingest) and take the lock over, rather than wait for it to go stale.
 */

/** How long to wait for a live holder before giving up: a batch of many PDFs holds the lock for seconds, not this. */
const WAIT_MS = 60_000;
/**
 * A lock whose holder cannot be checked (no owner file: an older ombuds, or one that died between making the folder
 * and naming itself; or a holder on another machine sharing the folder) is taken over only when it has not been
 * touched for this long. Holders touch it every `TOUCH_MS`.
 */
const STALE_MS = 30_000;
const TOUCH_MS = 5_000;
/** Taking a dead holder's lock over takes milliseconds: a guard older than this was left by a killed waiter. */
const GUARD_STALE_MS = 5_000;

const OWNER = "owner";

interface Owner {
  pid: number;
  host: string;
  /** The process's start time as the kernel counts it (Linux), so a pid reused by another process is not the holder. */
  started: string | null;
  /** Unique to one holding: what a waiter compares to know the lock it judged is the lock it removes. */
  token: string;
}

/** The lock stayed with a live holder for `WAIT_MS`. */
export class LockBusy extends Error {
  constructor(
    readonly folder: string,
    readonly holder: string,
  ) {
    super(`${folder} is held by ${holder}`);
    this.name = "LockBusy";
  }
}

/** `/proc/<pid>/stat`: start time (field 22) and state (field 3), or null where there is no /proc. */
function processInfo(pid: number): { started: string; state: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces or parentheses: count from the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const started = fields[19];
    const state = fields[0];
    return started && state ? { started, state } : null;
  } catch {
    return null;
  }
}

const me = (): Owner => ({
  pid: process.pid,
  host: hostname(),
  started: processInfo(process.pid)?.started ?? null,
  token: randomUUID(),
});

async function readOwner(folder: string, fs: StoreFs): Promise<Owner | null> {
  try {
    const owner = JSON.parse(await fs.readFile(join(folder, OWNER), "utf8")) as Partial<Owner>;
    // A pid of 0 or below would make process.kill signal a whole process group.
    if (!Number.isInteger(owner.pid) || (owner.pid as number) <= 0 || typeof owner.host !== "string")
      return null;
    if (typeof owner.token !== "string") return null;
    return { pid: owner.pid as number, host: owner.host, started: owner.started ?? null, token: owner.token };
  } catch {
    // Missing (an older ombuds, or a holder that has only just made the folder) or half-written: not known.
    return null;
  }
}

/**
 * Whether the holder named in `owner` (on this machine) is still running: "unsure" when its pid is alive and there
 * is no start time to tell the holder from a later process given the same pid (no /proc).
 */
function liveness(owner: Owner): "alive" | "dead" | "unsure" {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: a process of another user has that pid: alive, and perhaps the holder.
    return errorCode(error) === "EPERM" ? "unsure" : "dead";
  }
  const info = processInfo(owner.pid);
  if (!info || owner.started === null) return "unsure";
  // A killed holder its parent has not yet reaped is a zombie: dead, though its pid still answers.
  if (info.state === "Z" || info.state === "X") return "dead";
  // Another start time: the holder died and its pid was given to another process.
  return info.started === owner.started ? "alive" : "dead";
}

/** What identifies one holding of the lock: the owner's token, or for a lock without one, when it was touched. */
async function holding(
  folder: string,
  fs: StoreFs,
): Promise<{ key: string; owner: Owner | null; age: number } | null> {
  let touched: number;
  try {
    touched = (await fs.stat(folder)).mtimeMs;
  } catch (error) {
    if (errorCode(error) === "ENOENT") return null;
    throw error;
  }
  const owner = await readOwner(folder, fs);
  return { key: owner ? owner.token : `touched ${touched}`, owner, age: Date.now() - touched };
}

/**
 * Whether the holding can be taken over, and who holds it (for the message when it cannot). A holder known to be
 * alive keeps its lock however long it takes (a large batch may block its event loop past `STALE_MS`); one that
 * cannot be checked keeps it while it touches it.
 */
function judge(found: { owner: Owner | null; age: number }): { dead: boolean; holder: string } {
  const { owner, age } = found;
  const stale = age > STALE_MS;
  if (!owner) return { dead: stale, holder: "no holder recorded" };
  if (owner.host !== hostname()) return { dead: stale, holder: `pid ${owner.pid} on ${owner.host}` };
  const state = liveness(owner);
  return { dead: state === "dead" || (state === "unsure" && stale), holder: `pid ${owner.pid}` };
}

/**
 * Remove a dead holder's lock. Two waiters may judge the same holder dead; were both to remove "the lock", the
 * second could remove the one the first has just taken. So removing is done under a guard folder, and only after
 * checking, under it, that the lock is still the holding judged dead. False when another waiter is at it.
 */
async function takeOver(folder: string, judged: string, fs: StoreFs): Promise<boolean> {
  const guard = `${folder}.reap`;
  try {
    await fs.mkdir(guard);
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
    const stat = await fs.stat(guard).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > GUARD_STALE_MS) await fs.rmdir(guard).catch(() => {});
    return false;
  }
  try {
    const now = await holding(folder, fs);
    if (now?.key !== judged) return false;
    await fs.unlink(join(folder, OWNER)).catch(() => {});
    await fs.rmdir(folder);
    return true;
  } finally {
    await fs.rmdir(guard).catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Take the lock on `file`, waiting while a live process holds it and taking it over from a dead one. Resolves to
 * the function that releases it. Rejects with `LockBusy` when a live holder kept it for `WAIT_MS`, or with the
 * file-system error that stopped it (EACCES, EROFS: the folder is not writable), at once: waiting cannot mend those.
 */
export async function lock(file: string, fs: StoreFs): Promise<() => Promise<void>> {
  const folder = `${file}.lock`;
  const deadline = Date.now() + WAIT_MS;
  let pause = 5;
  for (;;) {
    try {
      await fs.mkdir(folder);
      break;
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    const found = await holding(folder, fs);
    // Gone again: released in the meantime (or something there that is not a folder, which the deadline ends).
    const { dead, holder } = found ? judge(found) : { dead: false, holder: "something that is not a lock" };
    if (found && dead && (await takeOver(folder, found.key, fs))) continue;
    if (Date.now() > deadline) throw new LockBusy(folder, holder);
    if (!found) {
      await sleep(1);
      continue;
    }
    await sleep(pause);
    pause = Math.min(pause * 1.5, 200);
  }

  const owner = me();
  try {
    await fs.writeFile(join(folder, OWNER), JSON.stringify(owner));
  } catch (error) {
    await fs.rmdir(folder).catch(() => {});
    throw error;
  }
  const touch = setInterval(() => {
    const now = new Date();
    fs.utimes(folder, now, now).catch(() => {});
  }, TOUCH_MS);
  touch.unref();
  return async () => {
    clearInterval(touch);
    // Taken over (this process stalled past STALE_MS, seen from another machine): the lock is another's now.
    if ((await readOwner(folder, fs))?.token !== owner.token) return;
    await fs.unlink(join(folder, OWNER)).catch(() => {});
    await fs.rmdir(folder).catch(() => {});
  };
}
