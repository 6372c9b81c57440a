import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../../../src/answers/index.ts";
import { type HomeInput, homeView } from "../../../src/slack/render/index.ts";
import { checkBlocks } from "../../support/check-blocks.ts";
import { findUnescaped } from "../../support/find-unescaped.ts";
import { mrkdwnIn, shown } from "./support.ts";

/**
 * The App Home tab says what the bot holds, which councils' letters raise concerns, how to ask (with examples) and
 * any notes, escaped and within a view's limits (100 blocks) however much there is to show.
 */

const SAMPLES: HomeInput = {
  letters: 5,
  councils: 5,
  years: [2020],
  lastIngest: "25 November 2026 at 12:00",
  withConcerns: [
    {
      shortName: "Bury",
      year: 2020,
      summaries: ["Remedies not completed within the agreed timescales in two cases"],
    },
    {
      shortName: "Sefton",
      year: 2020,
      summaries: [
        "Over a third of enquiries not answered within the requested time",
        "Witness summons threatened once and issued once",
      ],
    },
  ],
  examples: EXAMPLES,
};

function expectViewSafe(view: ReturnType<typeof homeView>): void {
  expect(view.type).toBe("home");
  expect(checkBlocks(view.blocks, { maxBlocks: 100 })).toEqual([]);
  expect(findUnescaped(view.blocks)).toEqual([]);
  expect(mrkdwnIn(view.blocks).filter((t) => t.verbatim !== true)).toEqual([]);
}

describe("the App Home tab", () => {
  const view = homeView(SAMPLES);
  const text = shown(view.blocks);

  it("is a home view within Block Kit's limits", () => {
    expectViewSafe(view);
  });

  it("says what the bot holds: letters, councils, years and the last ingest", () => {
    expect(text).toContain("*Letters*\n5");
    expect(text).toContain("*Councils*\n5");
    expect(text).toContain("*Years*\n2020");
    expect(text).toContain("*Last ingest*\n25 November 2026 at 12:00");
  });

  it("lists the councils whose letters raise concerns, with what the letters say", () => {
    expect(text).toContain(
      ":warning: *Bury* (2020): Remedies not completed within the agreed timescales in two cases",
    );
    expect(text).toContain(
      ":warning: *Sefton* (2020): Over a third of enquiries not answered within the requested time; Witness summons threatened once and issued once",
    );
  });

  it("says how to ask, with the slash command, a mention and examples", () => {
    expect(text).toContain("Type `/ombuds` and your question");
    expect(text).toContain("mention me (@ombuds)");
    for (const example of EXAMPLES) expect(text).toContain(`• /ombuds ${example.replaceAll("&", "&amp;")}`);
  });

  it("says so when nothing is held yet, and when no letter raises concerns", () => {
    const empty = homeView({
      ...SAMPLES,
      letters: 0,
      councils: 0,
      years: [],
      lastIngest: null,
      withConcerns: [],
    });
    expectViewSafe(empty);
    const said = shown(empty.blocks);
    expect(said).toContain("*Years*\nnone yet");
    expect(said).toContain("*Last ingest*\nnever");
    expect(said).toContain("No letter I hold raises concerns.");
  });

  it("gives the years as a range when they run unbroken, else as a list", () => {
    expect(shown(homeView({ ...SAMPLES, years: [2021, 2019, 2020] }).blocks)).toContain("*Years*\n2019–2021");
    expect(shown(homeView({ ...SAMPLES, years: [2019, 2023, 2021] }).blocks)).toContain(
      "*Years*\n2019, 2021, 2023",
    );
  });

  it("shows notes, such as a paused digest, near the top", () => {
    const paused = homeView({ ...SAMPLES, notes: ["The weekly digest is paused until 1 December."] });
    expectViewSafe(paused);
    expect(paused.blocks[2]).toMatchObject({
      type: "section",
      text: { text: ":information_source: The weekly digest is paused until 1 December." },
    });
  });

  it("escapes every text: names, summaries, examples, notes and the last ingest", () => {
    const hostile = " <!channel> <@U123> & <script>";
    const view = homeView({
      ...SAMPLES,
      lastIngest: `today${hostile}`,
      withConcerns: [{ shortName: `Sefton${hostile}`, year: 2020, summaries: [`Late${hostile}`] }],
      examples: [`Sefton${hostile}`],
      notes: [`Paused${hostile}`],
    });
    expectViewSafe(view);
    const said = shown(view.blocks);
    for (const raw of ["<!channel>", "<@U123>", "<script>"]) expect(said).not.toContain(raw);
    expect(said).toContain("*Sefton &lt;!channel&gt; &lt;@U123&gt; &amp; &lt;script&gt;* (2020)");
  });

  it("lists the concerns of a full store's councils, as many as fit, and counts the rest", () => {
    const view = homeView({
      ...SAMPLES,
      withConcerns: Array.from({ length: 300 }, (_, i) => ({
        shortName: `Council ${i + 1}`,
        year: 2020,
        summaries: [
          "Remedies not completed within the agreed timescales in two cases",
          "Witness summons issued",
        ],
      })),
    });
    expectViewSafe(view);
    const said = shown(view.blocks);
    const councils = said.match(/^:warning: \*Council \d+\*/gm)?.length ?? 0;
    expect(councils).toBeGreaterThan(40);
    expect(said).toContain(`…and ${300 - councils} more councils; ask about one council for its details`);
  });

  it("keeps within 100 blocks with concerns for 1,000 councils, 500 examples and 200 notes, and counts what it leaves out", () => {
    const view = homeView({
      ...SAMPLES,
      years: Array.from({ length: 400 }, (_, i) => 1600 + i * 2),
      lastIngest: "x".repeat(5000),
      withConcerns: Array.from({ length: 1000 }, (_, i) => ({
        shortName: `Council ${i + 1}`,
        year: 2020,
        summaries: Array.from(
          { length: 20 },
          () => "Remedies not completed within the agreed timescales in two cases",
        ),
      })),
      examples: Array.from({ length: 500 }, (_, i) => `example question ${i} ${"word ".repeat(100)}`),
      notes: Array.from({ length: 200 }, (_, i) => `note ${i} ${"word ".repeat(300)}`),
    });
    expectViewSafe(view);
    const said = shown(view.blocks);
    const councils = said.match(/^:warning: \*Council \d+\*/gm)?.length ?? 0;
    expect(councils).toBeGreaterThan(2);
    expect(said).toContain(`…and ${1000 - councils} more councils; ask about one council for its details`);
    expect(said).toMatch(/…and \d+ more examples/);
    expect(said).toMatch(/…and \d+ more notes/);
  });
});

describe("the App Home tab's weekly digests", () => {
  const digest = (channel: string, councils = "Bury") => ({
    channel,
    description: `Weekly digest for ${councils}, Mondays at 09:00 (Europe/London).`,
  });

  it("lists each digest by its channel with Edit and Stop, and a button to set one up", () => {
    const view = homeView({
      ...SAMPLES,
      digests: [digest("C0GENERAL"), digest("D0OFFICER", "all councils")],
    });
    expectViewSafe(view);
    const said = shown(view.blocks);
    expect(said).toContain("<#C0GENERAL>: Weekly digest for Bury, Mondays at 09:00 (Europe/London).");
    // A DM has no channel to mention: it is the person's own.
    expect(said).toContain("Our direct messages: Weekly digest for all councils");
    const buttons = view.blocks.flatMap((b) =>
      "elements" in b && b.type === "actions"
        ? (b.elements as { action_id?: string; value?: string; confirm?: unknown }[])
        : [],
    );
    expect(buttons.map((e) => [e.action_id, (e as { value?: string }).value])).toEqual(
      expect.arrayContaining([
        ["digest_edit", "C0GENERAL"],
        ["digest_stop", "C0GENERAL"],
        ["digest_edit", "D0OFFICER"],
        ["digest_add", undefined],
      ]),
    );
    // Stop asks first.
    expect(buttons.find((e) => e.action_id === "digest_stop")).toHaveProperty(
      "confirm.confirm.text",
      "Stop it",
    );
  });

  it("escapes a digest's words and shows a channel only from a channel id", () => {
    const view = homeView({
      ...SAMPLES,
      digests: [digest("C0GENERAL", "<!channel> & co"), digest("<!here>")],
    });
    expectViewSafe(view);
    const said = shown(view.blocks);
    expect(said).toContain("Weekly digest for &lt;!channel&gt; &amp; co");
    expect(said).not.toContain("<!here>");
  });

  it("says when there is none, and keeps within 100 blocks with 300 digests and 1,000 councils' concerns", () => {
    expect(shown(homeView(SAMPLES).blocks)).toContain("No channel has a weekly digest yet.");
    const view = homeView({
      ...SAMPLES,
      digests: Array.from({ length: 300 }, (_, i) => digest(`C${String(i).padStart(6, "0")}`)),
      withConcerns: Array.from({ length: 1000 }, (_, i) => ({
        shortName: `Council ${i}`,
        year: 2020,
        summaries: ["Late"],
      })),
      notes: Array.from({ length: 50 }, (_, i) => `Note ${i}`),
    });
    expectViewSafe(view);
    expect(shown(view.blocks)).toContain("…and 290 more digests");
  });
});
