import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { ask, type Holdings } from "../answers/index.ts";
import type { AuthorityIndex } from "../authorities/index.ts";
import { renderAnswer } from "./answer.ts";

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  holdings: Holdings;
  authorities: AuthorityIndex;
  now?: () => Date;
}

/**
 * The local console: the same answers as Slack, typed at a prompt. `/ombuds Sefton` and plain questions both work;
 * `help` lists what works; `exit`, `quit` or Ctrl-D leaves. Resolves when the input ends.
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
        const answer = ask(text, holdings, { authorities, now: options.now?.() ?? new Date() });
        output.write(`${renderAnswer(answer)}\n\n`);
      }
      lines.prompt();
    });
    lines.on("close", () => {
      output.write("\n");
      resolve();
    });
  });
}
