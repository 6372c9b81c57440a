import { inject } from "vitest";
import { runThreadsFrom } from "../../src/worker-thread.ts";

// Each test file's set-up: worker threads run from the bundles of these sources (src/worker-thread.ts says why).
runThreadsFrom(inject("bundles"));
