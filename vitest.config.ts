import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Vitest gives a 2-core machine one worker; two run the files (each with ~0.4 s of start-up) side by side, which
    // about halves `npm test` here. Tests never share files or ports, so they may run at once.
    maxWorkers: 2,
    // Worker threads start faster than child processes (the file's imports are most of a small file's time).
    pool: "threads",
    // A few tests still start real processes (the binary end to end); give them room on a busy machine.
    testTimeout: 30_000,
  },
});
