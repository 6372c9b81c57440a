import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { bundleOptions } from "../../bin/bundle.js";
import { createHoldings } from "../../src/answers/index.ts";
import { loadAuthorities } from "../../src/authorities/index.ts";
import { runConsole } from "../../src/cli/console.ts";
import { digestFor } from "../../src/digest/compose.ts";
import { renderDigestText } from "../../src/digest/text.ts";
import { type Letter, parseLetter } from "../../src/letters/index.ts";
import { ROOT } from "../../src/root.ts";
import { SAMPLES } from "../support/tmp.ts";

function samples(): Letter[] {
  return ["sefton", "bury", "stockport", "bromsgrove", "bath-and-north-east-somerset"].map((name) => {
    const result = parseLetter(readFileSync(`${SAMPLES}/${name}.txt`), `${SAMPLES}/${name}.txt`);
    if (!result.ok) throw result.error;
    return result.value;
  });
}

const NOW = new Date("2026-11-25T12:00:00Z");

async function session(
  lines: string[],
  end: "exit" | "eof",
  holdings = createHoldings(samples()),
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk) => {
    text += chunk;
  });
  const done = runConsole({
    input,
    output,
    holdings,
    authorities: loadAuthorities(),
    now: () => NOW,
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

  it("prints the digest of all councils for “digest”, “digest preview” and “/ombuds digest”, as ombuds digest --dry-run does", async () => {
    const holdings = createHoldings(samples());
    const expected = renderDigestText(digestFor(undefined, { holdings, ingested: [], now: NOW }));
    expect(expected).toContain("Ombudsman digest, week of 25 November 2026");
    expect(expected).toContain("Needing attention");
    expect(expected).toContain("Sefton 2020");
    for (const line of ["digest", "digest preview", "/ombuds digest PREVIEW"]) {
      const text = await session([line], "exit", holdings);
      expect(text).toContain(`${expected}\n\n`);
      expect(text).not.toContain("I don't know a council");
    }
  });

  it("explains that “digest on Bury” is typed in a Slack channel, with the exact command, and what works here", async () => {
    const text = await session(["digest on Bury"], "exit");
    expect(text).toContain("Weekly digests are set up in Slack, not here");
    expect(text).toContain("\n  /ombuds digest on Bury\n");
    expect(text).toContain("/ombuds digest on Bury, Sefton tuesday 08:30");
    expect(text).toContain("`ombuds digest --dry-run` prints the digest");
    expect(text).toContain("`ombuds digest --send` posts the digests that are due");
    expect(text).not.toContain("I don't know a council");
    expect(text).not.toContain("Ombudsman digest, week of");
  });

  it("names the Slack command for off, status and now, and the example for a bare “digest on”", async () => {
    for (const verb of ["off", "status", "now"]) {
      const text = await session([`digest ${verb}`], "exit");
      expect(text).toContain(`\n  /ombuds digest ${verb}\n`);
      expect(text).toContain("ombuds digest --dry-run");
    }
    expect(await session(["digest on"], "exit")).toContain(
      "\n  /ombuds digest on Bury, Sefton tuesday 08:30\n",
    );
  });

  it("says what is wrong with a bad day or time, and gives the usage line for an unknown verb", async () => {
    const bad = await session(["digest on Bury Funday 25:00"], "exit");
    expect(bad).toContain('digest on: "Funday" is not a day of the week');
    expect(bad).toContain('"25:00" is not a time');
    expect(bad).toContain("\n  /ombuds digest on Bury, Sefton tuesday 08:30\n");
    const unknown = await session(["digest weekly"], "exit");
    expect(unknown).toContain(
      "I don't know “digest weekly”.\nUsage: digest [preview] prints the digest of all councils",
    );
    expect(unknown).not.toContain("Weekly digests are set up in Slack");
  });

  it("loads nothing from Slack: what the program imports before it knows it needs Slack has no @slack package and no src/slack module", async () => {
    // The bundles bin/ombuds.js runs, as it builds them: follow the program's static imports from its entry, which
    // is all that loads until a dynamic import() runs.
    const { metafile } = await build({
      ...bundleOptions(ROOT, join(ROOT, "dist", "metafile-check")),
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    if (!metafile) throw new Error("esbuild gave no metafile");
    const outputs = metafile.outputs;
    const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint === "src/main.ts");
    const loaded = new Set<string>();
    const statically = (from: string): void => {
      if (loaded.has(from)) return;
      loaded.add(from);
      for (const edge of outputs[from]?.imports ?? [])
        if (edge.kind === "import-statement") statically(edge.path);
    };
    statically(entry ?? "no entry");
    const sources = [...loaded].flatMap((path) => Object.keys(outputs[path]?.inputs ?? {}));
    expect(sources).toContain("src/cli/console.ts");
    expect(sources).toContain("src/digest/compose.ts");
    expect(
      [...loaded, ...sources].filter((path) => /^@slack\/|src\/slack\/|src\/bot\.ts/.test(path)),
    ).toEqual([]);

    // The Slack side is there, behind a dynamic import, so the check above has something to miss.
    const later = [...loaded].flatMap((path) =>
      (outputs[path]?.imports ?? [])
        .filter((edge) => edge.kind === "dynamic-import")
        .map((edge) => edge.path),
    );
    const slackSide = new Set(later.filter((path) => outputs[path]?.inputs["src/bot.ts"] !== undefined));
    expect(slackSide.size).toBe(1);
    const before = new Set(loaded);
    for (const path of slackSide) statically(path);
    const onlyLater = [...loaded].filter((path) => !before.has(path));
    expect(onlyLater.flatMap((path) => outputs[path]?.imports.map((edge) => edge.path) ?? [])).toContain(
      "@slack/bolt",
    );
  });
});
