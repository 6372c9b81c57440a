import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { textsOf } from "../../../src/slack/render/index.ts";
import { checkBlocks } from "../../support/check-blocks.ts";
import { findUnescaped } from "../../support/find-unescaped.ts";

/**
 * `checkBlocks` finds every Block Kit limit a message breaks, and `findUnescaped` every piece of Slack markup it
 * shows: the checks the renderer's tests and the Slack app's integration tests run on every message.
 */

const text = (t: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: t } });
const button = (label: string, value = "{}", actionId = "share_answer") => ({
  type: "button" as const,
  action_id: actionId,
  text: { type: "plain_text" as const, text: label },
  value,
});

const GOOD: KnownBlock[] = [
  { type: "header", text: { type: "plain_text", text: "Sefton" } },
  text("Complaints upheld: 81%"),
  { type: "section", fields: [{ type: "mrkdwn", text: "*Letters*\n5" }] },
  { type: "divider" },
  { type: "context", elements: [{ type: "mrkdwn", text: "Source: sefton.txt" }] },
  { type: "actions", elements: [button("Share in channel", '{"q":"<!channel>"}')] },
];

describe("checkBlocks", () => {
  it("finds nothing wrong with a message within every limit", () => {
    expect(checkBlocks(GOOD)).toEqual([]);
  });

  it("flags a 51-block message, and allows 100 blocks in a view when told", () => {
    const blocks = Array.from({ length: 51 }, (_, i) => text(`row ${i}`));
    expect(checkBlocks(blocks)).toEqual(["51 blocks, over 50"]);
    expect(checkBlocks(blocks, { maxBlocks: 100 })).toEqual([]);
    expect(checkBlocks([...blocks, ...blocks], { maxBlocks: 100 })).toEqual(["102 blocks, over 100"]);
  });

  it("flags a 151-character header, and a header in mrkdwn", () => {
    expect(checkBlocks([{ type: "header", text: { type: "plain_text", text: "x".repeat(150) } }])).toEqual(
      [],
    );
    expect(checkBlocks([{ type: "header", text: { type: "plain_text", text: "x".repeat(151) } }])).toEqual([
      "block 1 (header): text is 151 characters, over 150",
    ]);
    expect(
      checkBlocks([{ type: "header", text: { type: "mrkdwn", text: "*x*" } } as unknown as KnownBlock]),
    ).toEqual(['block 1 (header): text has type "mrkdwn", not plain_text']);
  });

  it("flags a 3,001-character section text", () => {
    expect(checkBlocks([text("x".repeat(3000))])).toEqual([]);
    expect(checkBlocks([text("x".repeat(3001))])).toEqual([
      "block 1 (section): text is 3001 characters, over 3000",
    ]);
  });

  it("flags more than 10,000 characters of text in all, which chat.postMessage rejects as msg_blocks_too_long", () => {
    const blocks = Array.from({ length: 4 }, () => text("x".repeat(2600)));
    expect(checkBlocks(blocks)).toEqual(["10400 characters of text in all, over 10000"]);
    expect(checkBlocks(blocks.slice(0, 3))).toEqual([]);
    expect(checkBlocks(blocks, { maxText: 20_000 })).toEqual([]);
  });

  it("flags 11 fields in a section and a 2,001-character field", () => {
    const field = (t: string) => ({ type: "mrkdwn" as const, text: t });
    expect(checkBlocks([{ type: "section", fields: Array.from({ length: 10 }, () => field("x")) }])).toEqual(
      [],
    );
    expect(checkBlocks([{ type: "section", fields: Array.from({ length: 11 }, () => field("x")) }])).toEqual([
      "block 1 (section): 11 fields, over 10",
    ]);
    expect(checkBlocks([{ type: "section", fields: [field("x".repeat(2001))] }])).toEqual([
      "block 1 (section): field 1 is 2001 characters, over 2000",
    ]);
  });

  it("flags a context block of 11 elements or with a 2,001-character element", () => {
    const element = (t: string) => ({ type: "mrkdwn" as const, text: t });
    expect(
      checkBlocks([{ type: "context", elements: Array.from({ length: 11 }, () => element("x")) }]),
    ).toEqual(["block 1 (context): 11 elements, over 10"]);
    expect(checkBlocks([{ type: "context", elements: [element("x".repeat(2001))] }])).toEqual([
      "block 1 (context): element 1 is 2001 characters, over 2000",
    ]);
    expect(checkBlocks([{ type: "context", elements: [] }])).toEqual(["block 1 (context): has no elements"]);
  });

  it("flags a button label over 75 characters, a value over 2,000 and action_ids used twice in a block", () => {
    expect(checkBlocks([{ type: "actions", elements: [button("x".repeat(76))] }])).toEqual([
      "block 1 (actions): element 1 text is 76 characters, over 75",
    ]);
    expect(checkBlocks([{ type: "actions", elements: [button("Share", "x".repeat(2001))] }])).toEqual([
      "block 1 (actions): element 1 value is 2001 characters, over 2000",
    ]);
    expect(checkBlocks([{ type: "actions", elements: [button("A"), button("B")] }])).toEqual([
      'block 1 (actions): action_id "share_answer" is used twice',
    ]);
  });

  it("flags a block_id used twice", () => {
    expect(
      checkBlocks([
        { ...text("a"), block_id: "answer" },
        { ...text("b"), block_id: "answer" },
      ]),
    ).toEqual(['block 2 (section): block_id "answer" is used twice']);
  });

  it("flags empty text, a section with neither text nor fields, and a block type Slack does not know", () => {
    expect(checkBlocks([text("")])).toEqual(["block 1 (section): text is empty"]);
    expect(checkBlocks([text("  \n ")])).toEqual(["block 1 (section): text is empty"]);
    expect(checkBlocks([{ type: "header", text: { type: "plain_text", text: "" } }])).toEqual([
      "block 1 (header): text is empty",
    ]);
    expect(checkBlocks([{ type: "section" }])).toEqual(["block 1 (section): has neither text nor fields"]);
    expect(checkBlocks([{ type: "paragraph", text: "hello" }])).toEqual([
      'block 1 (paragraph): unknown block type "paragraph"',
    ]);
  });

  it("reports every problem at once", () => {
    const blocks = [
      { type: "header", text: { type: "plain_text", text: "x".repeat(151) } },
      text("x".repeat(3001)),
      ...Array.from({ length: 49 }, () => ({ type: "divider" })),
    ];
    expect(checkBlocks(blocks)).toHaveLength(3);
  });
});

describe("findUnescaped", () => {
  it("flags <!here>, <!channel>, <!everyone>, user and channel mentions and links in a text", () => {
    expect(findUnescaped("hello <!here>")).toEqual(["text: <!here>"]);
    expect(
      findUnescaped("<!channel> <!everyone> <@U123> <#C1|general> <https://evil.example|click>"),
    ).toEqual([
      "text: <!channel>",
      "text: <!everyone>",
      "text: <@U123>",
      "text: <#C1|general>",
      "text: <https://evil.example|click>",
    ]);
  });

  it("finds nothing in escaped text or in plain angle brackets and ampersands that are not markup", () => {
    expect(findUnescaped("&lt;!here&gt; &lt;@U123&gt; Bath &amp; North East Somerset")).toEqual([]);
    expect(findUnescaped("3 < 5 and 7 > 6")).toEqual([]);
  });

  it("looks in every text the blocks show (headers, sections, fields, context, button labels), saying where", () => {
    const blocks: KnownBlock[] = [
      { type: "header", text: { type: "plain_text", text: "<!here>" } },
      { type: "section", fields: [{ type: "mrkdwn", text: "<@U1>" }] },
      { type: "context", elements: [{ type: "mrkdwn", text: "<#C1>" }] },
      { type: "actions", elements: [button("<!channel>")] },
    ];
    expect(findUnescaped(blocks)).toEqual([
      "block 1.text.text: <!here>",
      "block 2.fields[0].text: <@U1>",
      "block 3.elements[0].text: <#C1>",
      "block 4.elements[0].text.text: <!channel>",
    ]);
  });

  it("does not look in a button's value, which Slack never shows (the share button's JSON keeps the question raw)", () => {
    expect(findUnescaped(GOOD)).toEqual([]);
    expect(textsOf(GOOD).join("\n")).not.toContain("<!channel>");
  });
});
