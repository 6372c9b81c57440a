import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Worker threads (the answering thread, the folder survey) run from the program's bundles, built once per run,
    // rather than from the sources through tsx: a second of CPU a thread, 33 threads (src/worker-thread.ts).
    globalSetup: ["test/support/bundles.ts"],
    setupFiles: ["test/support/thread-bundles.ts"],
    // Vitest gives a 2-core machine one worker; two run the files (each with ~0.4 s of start-up) side by side, which
    // about halves `npm test` here. Tests never share files or ports, so they may run at once.
    maxWorkers: 2,
    // Worker threads start faster than child processes (the file's imports are most of a small file's time).
    pool: "threads",
    // Each worker keeps the modules it has loaded from one test file to the next, rather than importing the sources
    // afresh for every file: the imports were a third of the suite's CPU (33 s summed of 70 s wall; 7 s without
    // isolation, 46-49 s wall). Tests share no module state that matters: every cache is keyed by what it was made
    // from, and the spies and fake timers are restored after each file (the suite passes with files shuffled,
    // `--sequence.shuffle.files`).
    isolate: false,
    // A few tests still start real processes (the binary end to end); give them room on a busy machine.
    testTimeout: 30_000,
  },
});
