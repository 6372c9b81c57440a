import { writeFile } from "node:fs/promises";
import { ask, createHoldings } from "../answers/index.ts";
import { loadAuthorities } from "../authorities/index.ts";
import { chartFor } from "../charts/chart.ts";
import { readStore } from "../store/store.ts";
import { renderAnswer } from "./answer.ts";
import type { Io } from "./io.ts";

/**
 * `ombuds ask "<question>" [--json] [--chart out.png]`: exit 0 whenever it answered, "I don't know that council"
 * included. `--chart` writes the answer's chart, the picture the Slack app uploads, as a PNG; an answer with nothing
 * to draw writes nothing and exits 1, saying so (the answer itself is still printed).
 */
export async function runAsk(
  question: string,
  storeFile: string,
  options: { json: boolean; chart?: string },
  io: Pick<Io, "stdout" | "stderr">,
): Promise<number> {
  const { data } = await readStore(storeFile);
  const answer = ask(question, createHoldings(data.letters, data.ingested), {
    authorities: loadAuthorities(),
    now: new Date(),
  });
  io.stdout.write(options.json ? `${JSON.stringify(answer, null, 2)}\n` : `${renderAnswer(answer)}\n`);
  if (options.chart === undefined) return 0;
  const chart = chartFor(answer);
  if (!chart) {
    io.stderr.write(
      `ombuds: --chart: this answer has no figures to draw; nothing was written to ${options.chart}\n`,
    );
    return 1;
  }
  // The drawing code (and resvg's native addon) loads only when a chart is asked for.
  const { chartPng } = await import("../charts/index.ts");
  const image = await chartPng(chart);
  await writeFile(options.chart, image.png);
  io.stderr.write(
    `Chart written to ${options.chart} (${image.width}×${image.height} px): ${image.altText}\n`,
  );
  return 0;
}
