// The yardstick for the Socket Mode benchmark: a bare Bolt app over Socket Mode that acks /ombuds and responds with
// a fixed string through the response URL, run the way a bare app is run (plain JavaScript under `node`, no loader, default flags: the RSS yardstick too),
// beside ombuds in the same run.
import { App, LogLevel, SocketModeReceiver } from "@slack/bolt";

const [apiUrl] = process.argv.slice(2);
const receiver = new SocketModeReceiver({
  appToken: "xapp-bench",
  logLevel: LogLevel.ERROR,
  // The Socket Mode client opens its connection with a Web API call of its own: it must go to the stand-in too.
  installerOptions: { clientOptions: { slackApiUrl: apiUrl } },
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
await app.start();
process.stdout.write(`${JSON.stringify({ connected: true })}\n`);
process.once("SIGTERM", () => {
  void app.stop().then(() => process.exit(0));
});
