import { Command, CommanderError, Option } from "commander";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import type { PostDigest } from "../digest/run.ts";
import { runAsk } from "./ask.ts";
import { type DigestSlack, runDigestDryRun, runDigestSend } from "./digest.ts";
import { failureLine } from "./failure.ts";
import { runIngest } from "./ingest.ts";
import { type Io, processIo } from "./io.ts";
import { runParse } from "./parse.ts";
import { version } from "./version.ts";

/**
 * What only the top of the program may know, handed down to the command line: starting the bot, which may mean
 * Slack, and posting a digest, which does. The command line itself never imports Slack.
 */
export interface TopLevel {
  /** `ombuds start`: ingest, then Slack, or the local console when no Slack variable is set. */
  start(config: Config, io: Io): Promise<number>;
  /** How `ombuds digest --send` posts a digest. */
  digestPoster(slack: DigestSlack): Promise<PostDigest>;
}

/** Usage errors: commander's own, and ours raised through `command.error`. */
const USAGE = 2;

/**
 * `ombuds`: the command line. Each action records its exit code in `exit`: 0 all went well, 1 some input failed
 * (the good ones are still stored), 2 bad usage or configuration.
 */
export function createProgram(top: TopLevel, io: Io, exit: { code: number }): Command {
  const config = () => loadConfig(io.env);
  const cli = new Command("ombuds")
    .description("Ombudsman annual review letters as answers for council officers")
    .version(version(), "-V, --version", "print the version")
    .helpOption("-h, --help", "explain a command")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  cli
    .command("parse")
    .description("parse letter files and print their records; problems go to stderr")
    .argument("<files...>", "letter files (.txt, .md or .pdf)")
    .option("--json", "print a JSON array of records in DESIGN.md's field names")
    .action(async (files: string[], options: { json?: boolean }) => {
      exit.code = await runParse(files, { json: Boolean(options.json) }, io);
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
      const { OMBUDS_DB, OMBUDS_LETTERS } = config();
      exit.code = await runIngest(
        paths.length > 0 ? paths : [OMBUDS_LETTERS],
        OMBUDS_DB,
        { json: Boolean(options.json), replace: Boolean(options.replace) },
        io,
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
    .option("--chart <file>", "also write the answer's chart as a PNG, the picture the Slack app posts")
    .action(async (words: string[], options: { json?: boolean; chart?: string }) => {
      exit.code = await runAsk(
        words.join(" "),
        config().OMBUDS_DB,
        { json: Boolean(options.json), ...(options.chart !== undefined ? { chart: options.chart } : {}) },
        io,
      );
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
        command.error("give one of --dry-run or --send", { exitCode: USAGE, code: "ombuds.usage" });
      const settings = config();
      exit.code = options.send
        ? await runDigestSend(settings, top.digestPoster, io)
        : await runDigestDryRun(settings.OMBUDS_DB, options.channel ? { channel: options.channel } : {}, io);
    });

  cli
    .command("start")
    .description("start the bot; with no Slack tokens, a local console on the letters in OMBUDS_LETTERS")
    .action(async () => {
      exit.code = await top.start(config(), io);
    });

  // Commander would print its own error line; each command's is said in our words by `runProgram` instead.
  for (const command of [cli, ...cli.commands]) {
    command.configureOutput({ outputError: () => {} });
  }
  return cli;
}

/**
 * Run `ombuds` on `argv` (the words after the program's name) and give its exit code. What stops a command is
 * said in one line on stderr, `ombuds: <what>: <why>`: the variable, file or command at fault, and what is wrong.
 */
export async function runProgram(argv: string[], top: TopLevel, io: Io = processIo()): Promise<number> {
  const exit = { code: 0 };
  const cli = createProgram(top, io, exit);
  try {
    await cli.parseAsync(argv, { from: "user" });
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and the version are not failures; `ombuds` alone has printed its help on stderr.
      if (error.exitCode === 0) return 0;
      if (error.code !== "commander.help") io.stderr.write(`${usageLine(cli, argv, error)}\n`);
      return USAGE;
    }
    const line = failureLine(error);
    if (line === null) throw error;
    io.stderr.write(`${line}\n`);
    return error instanceof ConfigError ? USAGE : 1;
  }
}

/**
 * A usage error as `ombuds: <command>: <what is wrong>; see ombuds <command> --help`, with commander's words
 * ("unknown option '--bogus'") and its suggestion, if it has one, on the same line.
 */
function usageLine(cli: Command, argv: string[], error: CommanderError): string {
  const [said = "", ...hints] = error.message.replace(/^error: /, "").split("\n");
  const message = error.code === "commander.unknownCommand" ? "is not a command" : said;
  const why = [message, ...hints.map((hint) => `(${hint.replace(/^\((.*)\)$/, "$1")})`)].join(" ");
  const command = cli.commands.find((c) => c.name() === argv[0])?.name();
  const help = command ? `ombuds ${command} --help` : "ombuds --help";
  return `ombuds: ${command ?? argv[0] ?? "ombuds"}: ${why}; see ${help}`;
}
