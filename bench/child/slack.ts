// The Slack stand-in for the Slack benchmark, in a process of its own: the load generator times acks, and parsing
// the bots' response-URL posts (an answer's Block Kit is some 10 KB) must not delay that clock. Driven over IPC.
import { startSlack } from "../../testkit/slack/index.ts";

export type Command = { type: "reset" } | { type: "responses" } | { type: "close" };

const slack = await startSlack({ waitTimeoutMs: 30_000 });
const send = (message: unknown) => process.send?.(message);
process.on("message", (command: Command) => {
  switch (command.type) {
    case "reset":
      slack.reset();
      send({ type: "reset" });
      return;
    case "responses":
      send({ type: "responses", responses: slack.responses().map((r) => ({ id: r.id, at: r.at })) });
      return;
    case "close":
      void slack.close().then(() => process.exit(0));
  }
});
send({ type: "ready", apiUrl: slack.apiUrl, responseUrl: slack.responseUrl("x").slice(0, -1) });
