import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { ask, type Holdings } from "../answers/index.ts";
import type { AuthorityIndex } from "../authorities/index.ts";
import { parseDigestArguments } from "../digest/arguments.ts";
import { digestFor } from "../digest/compose.ts";
import { renderDigestText } from "../digest/text.ts";
import type { Ingested } from "../store/schema.ts";
import { renderAnswer } from "./answer.ts";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  holdings: Holdings;
  authorities: AuthorityIndex;
  /** The store's ingest log, which the digest counts new letters from. */
  ingested?: readonly Ingested[];
  now?: () => Date;
}

/**
 * The local console: the same answers as Slack, typed at a prompt. `/ombuds Sefton` and plain questions both work;
 * `help` lists what works; `digest` prints the weekly digest; `exit`, `quit` or Ctrl-D leaves. Resolves when the
 * input ends.
 */
export function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, holdings, authorities } = options;
  const terminal =
    (output as NodeJS.WriteStream).isTTY === true && (input as NodeJS.ReadStream).isTTY === true;
  const lines = createInterface({ input, output, terminal, prompt: "ombuds> " });
  return new Promise((resolve) => {
    lines.prompt();
    lines.on("line", (line) => {
      const text = line.trim();
      if (/^(?:exit|quit|\\q)$/i.test(text)) {
        lines.close();
        return;
      }
      if (text !== "") {
        const now = options.now?.() ?? new Date();
        const digestWords = consoleDigestWords(text);
        const reply = digestWords
          ? consoleDigest(digestWords, { holdings, ingested: options.ingested ?? [], now })
          : renderAnswer(ask(text, holdings, { authorities, now }));
        output.write(`${reply}\n\n`);
      }
      lines.prompt();
    });
    lines.on("close", () => {
      output.write("\n");
      resolve();
    });
  });
}

/** The words after "digest" when the line is the digest sub-command ("digest on Bury", "/ombuds digest"), else null. */
export function consoleDigestWords(text: string): string[] | null {
  const words = text
    .replace(/^\/?ombuds\b/i, "")
    .split(/\s+/)
    .filter(Boolean);
  return words[0]?.toLowerCase() === "digest" ? words.slice(1) : null;
}

const EXAMPLE = "/ombuds digest on Bury, Sefton tuesday 08:30";

const COMMAND_LINE =
  "On the command line, `ombuds digest --dry-run` prints the digest (`--channel <id>` for one channel's) and " +
  "`ombuds digest --send` posts the digests that are due.";

/**
 * `digest …` at the console. There is no channel here to post a digest into or to subscribe, so `digest` and
 * `digest preview` print the digest of all councils, and the other verbs say where they work and what to type there.
 */
export function consoleDigest(
  words: string[],
  input: { holdings: Holdings; ingested: readonly Ingested[]; now: Date },
): string {
  const [word = "", ...rest] = words;
  const verb = word.toLowerCase();
  if (verb === "" || verb === "preview") {
    return renderDigestText(digestFor(undefined, input));
  }
  if (verb === "on" || verb === "off" || verb === "status" || verb === "now") {
    const out: string[] = [];
    let command = `/ombuds digest ${verb}`;
    if (verb === "on") {
      const parsed = parseDigestArguments(rest);
      if (!parsed.ok) out.push(`digest on: ${parsed.message}.`);
      command = parsed.ok && rest.length > 0 ? `${command} ${rest.join(" ")}` : EXAMPLE;
    }
    out.push(
      "Weekly digests are set up in Slack, not here: in the channel that should get the digest (or in a DM with " +
        "@ombuds, for a digest of your own), type",
      `  ${command}`,
      `Councils, day and time are optional (all councils, Mondays at 09:00 by default), e.g. ${EXAMPLE}; add ` +
        "“quiet” to skip weeks with nothing new. /ombuds digest status, off, preview and now work in that channel.",
      `Here, “digest” prints the digest of all councils. ${COMMAND_LINE}`,
    );
    return out.join("\n");
  }
  return [
    `I don't know “digest ${word}”.`,
    `Usage: digest [preview] prints the digest of all councils; digest on, off, status and now are for Slack (${EXAMPLE}).`,
    COMMAND_LINE,
  ].join("\n");
}
