import { readFileSync } from "node:fs";

/** A process's resident memory now, in MB, from /proc (Linux, as on the machines the bench runs on). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}
