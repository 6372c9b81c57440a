import { Readable, Writable } from "node:stream";
import { runProgram, type TopLevel } from "../../src/cli/program.ts";
import { startConsole } from "../../src/cli/start.ts";

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what was written to it, as text. */
export class Captured extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Run the `ombuds` command in this process, as a user would run it, with `env` for its whole environment (no
 * `.env`, nothing of the test's own), `stdin` as what is typed, and the console start-up for `ombuds start`. A test
 * that needs Slack to post a digest passes `digestPoster`; otherwise asking for it fails the test.
 */
export async function ombuds(
  args: string[],
  env: Record<string, string> = {},
  options: { stdin?: string; top?: Partial<TopLevel> } = {},
): Promise<Ran> {
  const stdout = new Captured();
  const stderr = new Captured();
  const top: TopLevel = {
    start: startConsole,
    digestPoster: () => Promise.reject(new Error("this test has no Slack to post to")),
    ...options.top,
  };
  const code = await runProgram(args, top, {
    stdin: Readable.from([options.stdin ?? ""]),
    stdout,
    stderr,
    env,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
