import { type ChildProcess, fork } from "node:child_process";

/** A bench child driven over IPC: each command is answered by one message of the same `type`. */
export interface IpcChild<Command extends { type: string }> {
  child: ChildProcess;
  /** Send `command` and resolve with the child's reply to it. */
  ask<T>(command: Command): Promise<T>;
  /** Send `close` and resolve when the child has exited. */
  close(): Promise<void>;
}

/**
 * Fork a TypeScript child and resolve once it has said `ready` (with whatever it reports). Replies are matched by
 * type, so the caller asks one thing of a child at a time.
 */
export function forkChild<Command extends { type: string }, Ready>(
  script: string,
): Promise<{ ipc: IpcChild<Command>; ready: Ready }> {
  const child = fork(script, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const on = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off("message", on);
        child.off("exit", gone);
        resolve(message as T);
      };
      // A child that dies would otherwise leave the bench waiting for ever.
      const gone = (code: number | null) => {
        child.off("message", on);
        reject(new Error(`${script} exited (${code}) while the bench waited for "${type}"`));
      };
      child.on("message", on);
      child.once("exit", gone);
    });
  const ipc: IpcChild<Command> = {
    child,
    ask<T>(command: Command) {
      const reply = next<T>(command.type);
      child.send(command);
      return reply;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send({ type: "close" });
      }),
  };
  return next<Ready>("ready").then((ready) => ({ ipc, ready }));
}
