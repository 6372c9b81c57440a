// The entry of the Slack app's threads (see thread.ts): the answering thread, which holds the store and answers the
// app's calls, and the start-up ingest's thread, which ingests the letters folder and ends.
import { constants, setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { openStore } from "../../answers/open-store.ts";
import { loadAuthorities } from "../../authorities/index.ts";
import { surveyBeside } from "../../letters/survey.ts";
import { ingestPaths, staleOf } from "../../store/ingest.ts";
import { indexOf } from "../../store/records.ts";
import { type Answerer, localAnswerer } from "./answerer.ts";
import { type Call, errorData, type IngestSummary, type Reply, type Request } from "./protocol.ts";

if (!parentPort) throw new Error("answerer/worker.ts runs only as a worker thread");
const port = parentPort;
const post = (reply: Reply) => port.postMessage(reply);
const { storeFile, ingest, check } = workerData as { storeFile: string; ingest?: string[]; check?: string[] };

function run(answerer: Answerer, call: Call): Promise<unknown> {
  switch (call.kind) {
    case "answer":
      return answerer.answer(call.question, { share: call.share, now: call.now });
    case "respond":
      return answerer.respond(call.question, call.target);
    case "share":
      return answerer.share(call.shown, call.question, call.target);
    case "home":
      return answerer.home(call.user);
    case "digest":
      return answerer.digest(call.channel, call.now, call.subscription);
    case "subscriptions":
      return answerer.subscriptions();
    case "refresh":
      return answerer.refresh();
  }
}

async function serve(): Promise<void> {
  let stale = 0;
  // The folder surveyed while the store is read (survey.ts), then checked against it.
  const survey = check ? surveyBeside(check, storeFile) : undefined;
  const store = await openStore(storeFile, {
    // A store changed on disk that cannot be read again: keep answering from the letters already held.
    onError: (error) => post({ type: "log", msg: "store reload failed", error: errorData(error) }),
    // The letters folder checked against the store just read, rather than by an ingest reading the store again (the
    // file records it needs are not kept once the store is open).
    async opened(data) {
      if (survey) stale = staleOf(await survey(), indexOf(data)).length;
    },
  });
  const answerer = localAnswerer(store, loadAuthorities());
  port.on("message", (request: Request) => {
    run(answerer, request).then(
      (value) => post({ type: "result", id: request.id, ok: true, value }),
      (error: unknown) => post({ type: "result", id: request.id, ok: false, error: errorData(error) }),
    );
  });
  post({ type: "ready", letters: store.holdings().letters.length, stale });
}

async function ingestFolder(paths: string[]): Promise<void> {
  const report = await ingestPaths(storeFile, paths);
  const summary: IngestSummary = {
    added: report.added.length,
    updated: report.updated.length,
    failed: report.failed.map(({ file, field, reason }) => ({ file, field, reason })),
    kept: report.kept,
  };
  post({ type: "ingested", summary });
}

/**
 * This thread yields the CPU to the one that acks. An ack has 3 s and its thread little to do; an answer goes to a
 * response URL, which waits 30 minutes, and is the work here. On Linux a thread's nice value is its own, and
 * setpriority on "process 0" sets the calling thread's (setpriority(2), BUGS): the acking thread keeps its own.
 * Elsewhere it is the process's, so it is set only on Linux; where it is refused (a container without the right),
 * nothing changes.
 */
function yieldToAcks(): void {
  if (process.platform !== "linux") return;
  try {
    setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {}
}

try {
  yieldToAcks();
  await (ingest ? ingestFolder(ingest) : serve());
} catch (error) {
  post({ type: "failed", error: errorData(error) });
}
