import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createHoldings } from "../../src/answers/index.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { runConsole } from "../../src/cli/console.ts";
import { type Letter, parseLetter } from "../../src/letters/index.ts";
import { SAMPLES } from "../support/tmp.ts";

function samples(): Letter[] {
  return ["sefton", "bury", "stockport", "bromsgrove", "bath-and-north-east-somerset"].map((name) => {
    const result = parseLetter(readFileSync(`${SAMPLES}/${name}.txt`), `${SAMPLES}/${name}.txt`);
    if (!result.ok) throw result.error;
    return result.value;
  });
}

async function session(lines: string[], end: "exit" | "eof"): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += chunk;
  });
  const done = runConsole({
    input,
    output,
    holdings: createHoldings(samples()),
    authorities: loadAuthorities(),
  });
  for (const line of lines) input.write(`${line}\n`);
  if (end === "exit") input.write("exit\n");
  else input.end();
  await done;
  return text;
}

describe("the local console", () => {
  it("answers /ombuds Sefton and a plain question, then leaves on exit", async () => {
    const text = await session(["/ombuds Sefton", "how does Bury compare with similar councils?"], "exit");
    expect(text).toContain("Sefton Metropolitan Borough Council: 2020 annual review letter");
    expect(text).toContain("81% ████████░░ avg 67%");
    expect(text).toContain("Bury against similar authorities, 2020");
    expect(text).toContain("27 points below the similar-authority average of 67%");
  });

  it("lists what works on help, and leaves on Ctrl-D (end of input)", async () => {
    const text = await session(["help"], "eof");
    expect(text).toContain("What you can ask");
    expect(text).toContain("compare Bury and Sefton");
  });
});
