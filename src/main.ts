import { runProgram, type TopLevel } from "./cli/program.ts";
import { startConsole } from "./cli/start.ts";
import { slackSettings } from "./config.ts";

/**
 * The top of the program, which nothing imports: the one module that knows both the command line and Slack, and
 * hands the command line what needs Slack. Slack's code (Bolt, the Web API client, the answering thread) is
 * imported only when it is used, so the local console and every other command start without loading it.
 */
const top: TopLevel = {
  async start(config, io) {
    const slack = slackSettings(config);
    if (!slack) return startConsole(config, io);
    const { startSlack } = await import("./bot.ts");
    return startSlack(config, slack);
  },
  async digestPoster(slack) {
    const { slackDigestPoster } = await import("./bot.ts");
    return slackDigestPoster(slack);
  },
};

// Output piped into `head` or a closed pager is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

process.exitCode = await runProgram(process.argv.slice(2), top);
