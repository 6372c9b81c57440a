import { describe, expect, it } from "vitest";
import type { Answer } from "../../../src/answers/index.ts";
import { answerMessage } from "../../../src/slack/render/index.ts";
import { findUnescaped } from "../../support/find-unescaped.ts";
import { answerTo, expectSlackSafe, SAMPLE_QUESTIONS, sampleAnswer, shown } from "./support.ts";

/**
 * Text that reaches a message from a letter, the store or a user is shown as typed, never read as Slack markup: a
 * council name, quote or question containing `<!channel>`, `<@U123>`, `&` or `<script>` pings no one, links nowhere
 * and is escaped everywhere it appears (blocks, fallback text, header), except in the share button's value, which is
 * JSON the app reads back and Slack never shows.
 */

const HOSTILE = " <!channel> <@U123> <#C1> & <script>alert(1)</script> <https://evil.example|click>";
const RAW = ["<!channel>", "<@U123>", "<#C1>", "<script>", "<https://evil.example"];

/** Fields that hold enum values the renderer maps to its own words; every other string is free text. */
const ENUMS = new Set(["kind", "metric", "category", "tone", "type", "position", "order", "relative"]);

/** The answer with `extra` added to every free-text string in it: titles, lines, names, quotes, labels, files. */
function poisoned(answer: Answer, extra: string): Answer {
  const walk = (value: unknown, key: string): unknown => {
    if (typeof value === "string") return ENUMS.has(key) ? value : value + extra;
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (typeof value === "object" && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  const { question, ...rest } = answer;
  return { question, ...(walk(rest, "") as Omit<Answer, "question">) };
}

function expectEscaped(message: ReturnType<typeof answerMessage>): void {
  expectSlackSafe(message);
  const text = shown(message.blocks);
  for (const raw of RAW) {
    expect(text).not.toContain(raw);
    expect(message.text).not.toContain(raw);
  }
}

const QUESTIONS = SAMPLE_QUESTIONS;

describe("markup in an answer is escaped everywhere", () => {
  it.each(QUESTIONS)("in every string of the answer to “%s”", (question, held) => {
    const message = answerMessage(poisoned(sampleAnswer(question, held), HOSTILE), {
      share: { question: question + HOSTILE },
    });
    expectEscaped(message);
    expect(shown(message.blocks)).toContain(
      "&lt;!channel&gt; &lt;@U123&gt; &lt;#C1&gt; &amp; &lt;script&gt;",
    );
  });

  it("in a council's name, in the header, the figures, the concerns and the fallback text", () => {
    const answer = sampleAnswer("Sefton");
    const authority = { name: "Sefton <!channel> & Co", shortName: "Sefton <@U123>", type: null };
    answer.title = `${authority.name}: 2020 annual review letter`;
    answer.councils = answer.councils.map((c) => ({ ...c, authority }));
    answer.concerns = answer.concerns.map((c) => ({ ...c, authority }));
    answer.concerns.push({
      ...(answer.concerns[0] as Answer["concerns"][number]),
      authority: { ...authority, name: "Other" },
    });
    const message = answerMessage(answer, {});
    expectEscaped(message);
    expect(message.blocks[0]).toMatchObject({
      text: { text: "Sefton &lt;!channel&gt; &amp; Co: 2020 annual review letter" },
    });
    expect(message.text).toContain("Sefton &lt;!channel&gt; &amp; Co");
    expect(shown(message.blocks)).toContain("*Sefton &lt;@U123&gt;* · *Improvement*");
  });

  it("in a letter's quote", () => {
    const answer = sampleAnswer("any concerns for Sefton?");
    answer.concerns = answer.concerns.map((c) => ({
      ...c,
      quote: `Contact <@U123> & <!here> at <mailto:x@y.example>.\n> not a quote`,
    }));
    const message = answerMessage(answer, {});
    expectEscaped(message);
    expect(findUnescaped(message.blocks)).toEqual([]);
    expect(shown(message.blocks)).toContain(
      ">“Contact &lt;@U123&gt; &amp; &lt;!here&gt; at &lt;mailto:x@y.example&gt;. &gt; not a quote”",
    );
  });

  it("in the user's words the answer repeats", () => {
    for (const question of [
      "Atlantis <!channel> <@U123>",
      "<!here> & <script>",
      "compare <@U123> and Sefton",
      "Sefton <#C1|general> 2019",
      "Seftn <!everyone>",
    ]) {
      const { answer } = answerTo(question);
      expectEscaped(answerMessage(answer, { share: { question } }));
    }
  });

  it("but not in the share button's value, which keeps the question raw as JSON for the app to read back", () => {
    const question = `Sefton ${HOSTILE}`;
    const message = answerMessage(sampleAnswer("Sefton"), { share: { question } });
    const actions = message.blocks.at(-1);
    if (actions?.type !== "actions") throw new Error("the message has no actions block");
    const button = actions.elements[0];
    if (button?.type !== "button") throw new Error("the actions block has no button");
    expect(JSON.parse(button.value ?? "")).toEqual({ q: question });
    expect(findUnescaped(message.blocks)).toEqual([]);
  });
});
