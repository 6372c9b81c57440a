// Slack's side of Socket Mode for the Socket Mode benchmark, in a process of its own: one stand-in per app (a
// stand-in pushes envelopes to its newest connection, so two apps cannot share one), and the load itself, since in
// Socket Mode it is Slack that sends. The apps post their answers to the response-URL stand-in
// (bench/child/slack.ts), another process, so that parsing ombuds' 10 KB answers never delays this clock. Driven
// over IPC.
import { type FakeSlack, slashCommand, startSlack } from "../../testkit/slack/index.ts";

export type SocketApp = "bare" | "ombuds";

export type SocketCommand =
  | { type: "connected"; app: SocketApp }
  | {
      type: "load";
      app: SocketApp;
      /** Response URLs are `${responseUrl}${encodeURIComponent(id)}`, ids `${label}-${offset + i}`. */
      label: string;
      count: number;
      offset: number;
      concurrency: number;
      questions: readonly string[];
      responseUrl: string;
    }
  | { type: "close" };

export interface SocketReady {
  type: "ready";
  apiUrls: Record<SocketApp, string>;
}

export interface LoadResult {
  type: "load";
  /** Send to ack, per envelope, in ms (performance.now). */
  acks: number[];
  /** Each envelope's response id and when it was sent (Date.now, the clock the response stand-in stamps with). */
  sent: [string, number][];
  failures: number;
}

/** Slack gives up on an ack after 3 s; here a slow ack is measured rather than dropped, up to this. */
const ACK_TIMEOUT_MS = 30_000;

const slacks: Record<SocketApp, FakeSlack> = {
  bare: await startSlack({ ackTimeoutMs: ACK_TIMEOUT_MS, connectTimeoutMs: 60_000 }),
  ombuds: await startSlack({ ackTimeoutMs: ACK_TIMEOUT_MS, connectTimeoutMs: 60_000 }),
};

/** `count` /ombuds envelopes, `concurrency` at a time, each timed from its send to its ack (a closed loop). */
async function load(command: Extract<SocketCommand, { type: "load" }>): Promise<LoadResult> {
  const { socket } = slacks[command.app];
  // The stand-in keeps every envelope and ack it saw; a round needs none of the last round's.
  socket.reset();
  const acks: number[] = [];
  const sent: [string, number][] = [];
  let failures = 0;
  let next = 0;
  const worker = async () => {
    while (next < command.count) {
      const i = next++;
      const id = `${command.label}-${command.offset + i}`;
      const request = slashCommand({
        text: command.questions[(command.offset + i) % command.questions.length],
        response_url: `${command.responseUrl}${encodeURIComponent(id)}`,
      });
      const started = performance.now();
      sent.push([id, Date.now()]);
      try {
        await socket.send(request);
      } catch {
        failures++;
      }
      acks.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, worker));
  return { type: "load", acks, sent, failures };
}

const send = (message: unknown) => process.send?.(message);
process.on("message", (command: SocketCommand) => {
  switch (command.type) {
    case "connected":
      void slacks[command.app].socket.connected().then(() => send({ type: "connected" }));
      return;
    case "load":
      void load(command).then(send);
      return;
    case "close":
      void Promise.all([slacks.bare.close(), slacks.ombuds.close()]).then(() => process.exit(0));
  }
});
send({
  type: "ready",
  apiUrls: { bare: slacks.bare.apiUrl, ombuds: slacks.ombuds.apiUrl },
} satisfies SocketReady);
