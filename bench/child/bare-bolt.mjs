// The yardstick for the Slack benchmark: a bare Bolt app in HTTP mode that acks /ombuds and responds with a fixed
// string through the response URL, run the way a bare app is run (plain JavaScript under `node`, no loader, default flags: the RSS yardstick too),
// beside ombuds in the same run.
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";

const [signingSecret, apiUrl] = process.argv.slice(2);
const receiver = new HTTPReceiver({
  signingSecret,
  endpoints: "/slack/events",
  processBeforeResponse: false,
  logLevel: LogLevel.ERROR,
});
const app = new App({
  token: "xoxb-bench",
  receiver,
  clientOptions: { slackApiUrl: apiUrl },
  logLevel: LogLevel.ERROR,
});
app.command("/ombuds", async ({ ack, respond }) => {
  await ack();
  await respond({ response_type: "ephemeral", text: "A fixed answer." });
});
/** @type {import("node:http").Server} */
const server = await app.start(0);
const address = server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`,
);
process.once("SIGTERM", () => {
  void app.stop().then(() => process.exit(0));
});
