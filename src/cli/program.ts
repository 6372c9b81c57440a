import { Command, CommanderError, Option } from "commander";
import { ConfigError, loadConfig } from "../config.ts";
import { start } from "../main.ts";
import { StoreError } from "../store/store.ts";
import { runAsk } from "./ask.ts";
import { runDigestDryRun, runDigestSend } from "./digest.ts";
import { runIngest } from "./ingest.ts";
import { runParse } from "./parse.ts";

/**
 * `ombuds`: the command line. Exit codes: 0 all went well, 1 some input failed (the good ones are still stored),
 * 2 bad usage or configuration.
 */
export function program(): Command {
  const cli = new Command("ombuds")
    .description("Ombudsman annual review letters as answers for council officers")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();

  cli
    .command("parse")
    .description("parse letter files and print their records; problems go to stderr")
    .argument("<files...>", "letter files (.txt, .md or .pdf)")
    .option("--json", "print a JSON array of records in DESIGN.md's field names")
    .action(async (files: string[], options: { json?: boolean }) => {
      process.exitCode = await runParse(files, { json: Boolean(options.json) });
    });

  cli
    .command("ingest")
    .description(
      "parse letters and store them (OMBUDS_DB); folders are walked for .txt, .md and .pdf files. A stored letter is " +
        "never replaced by a record with fewer figures unless --replace is given",
    )
    .argument("[paths...]", "files or folders (default: OMBUDS_LETTERS, data/letters)")
    .addOption(new Option("--json", "print the summary as JSON"))
    .addOption(new Option("--replace", "replace stored letters even with records that have fewer figures"))
    .action(async (paths: string[], options: { json?: boolean; replace?: boolean }) => {
      const config = loadConfig();
      process.exitCode = await runIngest(
        paths.length > 0 ? paths : [config.OMBUDS_LETTERS],
        config.OMBUDS_DB,
        { json: Boolean(options.json), replace: Boolean(options.replace) },
      );
    });

  cli
    .command("ask")
    .description("answer a question about the stored letters (OMBUDS_DB), as the bot would")
    .argument(
      "<question...>",
      'a council or a question, e.g. Sefton or "how does Bury compare with similar councils?"',
    )
    .option("--json", "print the Answer object as JSON")
    .action(async (words: string[], options: { json?: boolean }) => {
      process.exitCode = await runAsk(words.join(" "), loadConfig().OMBUDS_DB, {
        json: Boolean(options.json),
      });
    });

  cli
    .command("digest")
    .description("the weekly digest: print it (--dry-run), or post the digests that are due (--send)")
    .option("--dry-run", "print the digest as text instead of posting it")
    .option(
      "--channel <id>",
      "with --dry-run: that channel's digest (its watch list, what is new since its last post)",
    )
    .option(
      "--send",
      "post every digest that is due now, once, and exit (for an external scheduler; needs SLACK_BOT_TOKEN)",
    )
    .action(async (options: { dryRun?: boolean; channel?: string; send?: boolean }, command: Command) => {
      if (Boolean(options.dryRun) === Boolean(options.send))
        command.error("ombuds digest: give one of --dry-run or --send");
      const config = loadConfig();
      process.exitCode = options.send
        ? await runDigestSend(config)
        : await runDigestDryRun(config.OMBUDS_DB, options.channel ? { channel: options.channel } : {});
    });

  cli
    .command("start")
    .description("start the bot; with no Slack tokens, a local console on the letters in OMBUDS_LETTERS")
    .action(async () => {
      process.exitCode = await start(loadConfig());
    });

  return cli;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; every other commander error is bad usage.
      return error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
        ? 0
        : 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`ombuds: configuration: ${error.message}\n`);
      return 2;
    }
    if (error instanceof StoreError) {
      process.stderr.write(`ombuds: store: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
