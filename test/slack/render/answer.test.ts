import { describe, expect, it } from "vitest";
import { type Answer, AnswerKind, CONCERN_LABEL, type Holdings } from "../../../src/answers/index.ts";
import { answerMessage, errorMessage, SHARE_ACTION } from "../../../src/slack/render/index.ts";
import { answerTo, escaped, expectSlackSafe, mrkdwnIn, shown, twoYears } from "./support.ts";

/**
 * Every kind of answer over the five sample letters, as a Slack message: within Block Kit's limits, and showing the
 * facts the console prints (the figures with their averages, ranks and bars, the concerns with the letters' words,
 * the sources, notes and suggestions).
 */

interface Case {
  ask: string;
  kind: Answer["kind"];
  held?: Holdings;
  /** Text the message shows (its blocks' texts, escaped as Slack receives them). */
  shows: string[];
}

const CASES: Case[] = [
  {
    ask: "Sefton",
    kind: "summary",
    shows: [
      "Sefton Metropolitan Borough Council: 2020 annual review letter",
      "*Complaints upheld*\n` 81% ████████░░` avg 67% · 14 points above · 1st of 3 metropolitan boroughs · 16 investigations",
      "`100% ██████████` avg 100% · level · joint 1st of 3 metropolitan boroughs",
      "` 23% ██░░░░░░░░` avg 11% · 12 points above",
      ":warning: Concern · *Witness summons*: Witness summons threatened once and issued once",
      ">“Significantly, we threatened to use a witness summons in one case",
      ":white_check_mark: Praise · *Training*: Complaint handling training delivered",
      "Source: Sefton's 2020 letter (sefton.txt)",
      "Try:\nhow does Sefton compare with similar councils?\nany concerns for Sefton?",
    ],
  },
  {
    // Only Sefton's letter raises anything: beside Stockport's figures, its concerns still say whose they are.
    ask: "compare Sefton and Stockport",
    kind: "side_by_side",
    shows: [
      ":warning: Concern · *Sefton* · *Witness summons*: Witness summons threatened once and issued once",
    ],
  },
  {
    ask: "Bath and North East Somerset",
    kind: "summary",
    shows: ["The 2020 letter to Bath and North East Somerset gives no complaint statistics."],
  },
  {
    ask: "what's Bury's upheld rate?",
    kind: "metric",
    shows: [
      "` 40% ████░░░░░░` avg 67% · 27 points below · 3rd of 3 metropolitan boroughs · 15 investigations",
    ],
  },
  {
    ask: "how does Stockport compare with similar councils?",
    kind: "similar",
    shows: [
      "` 59% ██████░░░░` avg 67% · 8 points below",
      "Note: The rank is among the 3 metropolitan boroughs",
    ],
  },
  {
    ask: "any concerns for Sefton?",
    kind: "concerns",
    shows: [
      ":warning: Concern · *Witness summons*: Witness summons threatened once and issued once",
      "It is therefore concerning this happened on two occasions.”",
      ":warning: Concern · *Enquiries answered slowly*",
    ],
  },
  {
    ask: "who had concerns raised?",
    kind: "concerns",
    shows: [
      "2 of the 5 councils with a 2020 letter: Bury and Sefton.",
      ":warning: Concern · *Bury* · *Remedies late*: Remedies not completed within the agreed timescales in two cases",
      ":warning: Concern · *Sefton* · *Witness summons*",
      "Sources: Bury's 2020 letter (bury.txt), Sefton's 2020 letter (sefton.txt)",
    ],
  },
  {
    ask: "compare Bury and Sefton",
    kind: "side_by_side",
    shows: [
      "Complaints upheld: Bury 40% (avg 67%), Sefton 81% (avg 67%).",
      "*Bury Metropolitan Borough Council* (2020)\n*Complaints upheld*\n` 40% ████░░░░░░` avg 67%",
      "*Sefton Metropolitan Borough Council* (2020)\n*Complaints upheld*\n` 81% ████████░░` avg 67%",
      "Note: Bury's satisfactory remedy rate is based on 6 upheld complaints",
    ],
  },
  {
    ask: "which councils have the highest upheld rate?",
    kind: "ranking",
    shows: [
      "1. *Sefton* ` 81% ████████░░` avg 67%\n2. *Stockport* ` 59% ██████░░░░` avg 67%\n=3. *Bromsgrove* ` 40% ████░░░░░░` avg 45%\n=3. *Bury* ` 40% ████░░░░░░` avg 67%",
      "Sources: 4 letters (2020)",
      "Note: I hold 5 letters for 2020: this ranks those, not every council in England.",
    ],
  },
  {
    ask: "top 2 upheld",
    kind: "ranking",
    shows: ["2. *Stockport*", "…and 2 more; ask about one council for its details"],
  },
  {
    ask: "what do you hold?",
    kind: "holdings",
    shows: [
      "5 letters for 5 councils, year 2020.",
      "*By type:* 1 unitary council, 1 district council, 3 metropolitan boroughs",
      "*Councils with concerns in the latest letters:* Bury, Sefton",
    ],
  },
  {
    ask: "how has Sefton changed over the years?",
    kind: "trend",
    held: twoYears,
    shows: [
      "Complaints upheld: 81% in 2020 to 75% in 2021 (down 6 points, better).",
      "```\nyear    upheld  compliance  remedy\n2020       81%        100%     23%\n2021       75%        100%     17%\n```",
      "Sources: Sefton's 2020 letter (sefton.txt), Sefton's 2021 letter (sefton.txt)",
    ],
  },
  {
    ask: "Bury trend",
    kind: "trend",
    shows: ["I hold only the 2020 letter for Bury, so there is no change to show yet.", "` 40% ████░░░░░░`"],
  },
  {
    ask: "what does compliance mean?",
    kind: "meaning",
    shows: ["What “compliance with recommendations” means"],
  },
  { ask: "help", kind: "help", shows: ["What you can ask", "• compare Bury and Sefton"] },
  {
    ask: "what's the weather like?",
    kind: "unclear",
    shows: ["I'm not sure what you're asking", "Try:\nBromsgrove"],
  },
  {
    ask: "Atlantis",
    kind: "unknown_council",
    shows: ["I don't know a council called “Atlantis”; did you mean"],
  },
  {
    ask: "Somerset",
    kind: "ambiguous",
    shows: ["could be Somerset Council or Somerset County Council: say which."],
  },
  {
    ask: "Cornwall",
    kind: "no_letter",
    shows: ["I know Cornwall but hold no annual review letter for it yet."],
  },
  { ask: "Sefton 2019", kind: "no_letter", shows: ["I hold no 2019 letter for Sefton; I have 2020."] },
  { ask: "the weekly digest", kind: "digest", shows: ["• digest on [councils…] [day] [HH:MM] [quiet]"] },
];

/** The facts of the answer a message must show, whatever its kind: as `renderAnswer` prints them for the console. */
function factsOf(answer: Answer): string[] {
  const facts = [
    answer.title,
    // The sentences that only restate a council's figures are left out: the figures are shown as fields.
    ...answer.lines.filter((_, i) => !answer.restating.includes(i) || answer.councils.length === 0),
    ...answer.notes.map((n) => n.text),
    ...answer.suggestions.slice(0, 5),
  ];
  for (const council of answer.councils) {
    for (const rate of council.rates) {
      facts.push(rate.label);
      if (rate.rate !== null) facts.push(`${rate.rate}%`);
      if (rate.average !== null) facts.push(`avg ${rate.average}%`);
    }
  }
  for (const row of answer.ranking?.rows ?? []) facts.push(`*${row.authority.shortName}* \``, `${row.rate}%`);
  for (const concern of answer.concerns) facts.push(CONCERN_LABEL[concern.category], concern.summary);
  for (const name of answer.holdings?.withConcerns ?? []) facts.push(name);
  return facts.map(escaped);
}

describe("a council's figures in Slack", () => {
  it("are fields, a label beside each value, and no figure is shown twice", () => {
    const { answer } = answerTo("Sefton");
    const message = answerMessage(answer);
    const fields = message.blocks.flatMap((b) => ("fields" in b && b.fields ? b.fields : []));
    expect(fields.map((f) => f.text)).toContain("*Complaints upheld*");
    const text = shown(message.blocks);
    expect(text.match(/81%/g)).toHaveLength(1);
    expect(text).toContain("The letter raises 3 concerns and gives praise on 2 points.");
  });
});

describe("every kind of answer over the sample letters, as a Slack message", () => {
  it.each(CASES)(
    "“$ask” ($kind) is within Block Kit's limits and shows its facts",
    ({ ask, kind, held, shows }) => {
      const { answer } = answerTo(ask, held);
      expect(answer.kind).toBe(kind);
      const message = answerMessage(answer, { share: { question: ask } });
      expectSlackSafe(message);
      const text = shown(message.blocks);
      for (const fact of [...factsOf(answer), ...shows]) expect(text).toContain(fact);
    },
  );

  it("covers every kind of answer", () => {
    const kinds = new Set(CASES.map((c) => answerTo(c.ask, c.held).answer.kind));
    expect([...kinds].sort()).toEqual([...AnswerKind.options].sort());
  });
});

describe("the parts of a message", () => {
  const sefton = answerMessage(answerTo("Sefton").answer, { share: { question: "Sefton" } });

  it("starts with the title as a plain-text header", () => {
    expect(sefton.blocks[0]).toEqual({
      type: "header",
      text: {
        type: "plain_text",
        text: "Sefton Metropolitan Borough Council: 2020 annual review letter",
        emoji: true,
      },
    });
  });

  it("gives a fallback text of the title and the first lines, for notifications", () => {
    expect(sefton.text).toBe(
      [
        "Sefton Metropolitan Borough Council: 2020 annual review letter",
        "Complaints upheld: 81%, 14 points above the similar-authority average of 67%; the highest of the 3 metropolitan boroughs I hold.",
        "Compliance with recommendations: 100%, level with the similar-authority average of 100%; joint highest of the 3 metropolitan boroughs I hold.",
      ].join("\n"),
    );
  });

  it("writes mrkdwn verbatim, so a bare URL, #channel or @here in a letter's or user's words stays plain text", () => {
    expect(mrkdwnIn(sefton.blocks).length).toBeGreaterThan(5);
    expect(mrkdwnIn(sefton.blocks).every((t) => t.verbatim === true)).toBe(true);
  });

  it("shows each concern in its own section, the letter's words as a quote", () => {
    const concerns = sefton.blocks.filter(
      (b) => b.type === "section" && /^:(warning|white_check_mark):/.test(b.text?.text ?? ""),
    );
    expect(concerns).toHaveLength(5);
  });

  it("ends with a Share in channel button carrying the question as JSON", () => {
    expect(sefton.blocks.at(-1)).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: SHARE_ACTION,
          text: { type: "plain_text", text: "Share in channel" },
          value: '{"q":"Sefton"}',
        },
      ],
    });
    expect(SHARE_ACTION).toBe("share_answer");
  });

  it("has no Share button when the message is not to be shared (it already is, in a channel)", () => {
    const message = answerMessage(answerTo("Sefton").answer, {});
    const buttons = message.blocks.flatMap((b) => (b.type === "actions" ? b.elements : []));
    expect(buttons.some((e) => "action_id" in e && e.action_id === SHARE_ACTION)).toBe(false);
  });

  it("offers what to ask next as buttons that carry the question", () => {
    const { answer } = answerTo("Sefton");
    const message = answerMessage(answer, {});
    const buttons = message.blocks
      .flatMap((b) => (b.type === "actions" ? b.elements : []))
      .filter((e) => e.type === "button" && e.action_id?.startsWith("ask_suggestion_"));
    expect(buttons.map((b) => (b.type === "button" ? JSON.parse(b.value ?? "{}").q : ""))).toEqual(
      answer.suggestions,
    );
    expect(new Set(buttons.map((b) => (b.type === "button" ? b.action_id : ""))).size).toBe(buttons.length);
  });

  it("lists many councils' concerns a line each, without quotes, as the console does", () => {
    const answer = answerTo("compare Bury and Sefton").answer;
    answer.concerns = [...answer.concerns, ...answer.concerns];
    const message = answerMessage(answer, {});
    expectSlackSafe(message);
    const text = shown(message.blocks);
    expect(text).toContain(":warning: Concern · *Bury* · *Remedies late*: Remedies not completed");
    expect(text).not.toContain("“While I welcome");
  });
});

describe("errorMessage", () => {
  it("apologises and gives the reference to look up in the log", () => {
    const message = errorMessage("ABC123");
    expect(message.text).toBe(
      "Sorry, something went wrong answering that. Reference: ABC123 — the log has the details.",
    );
    expect(shown(message.blocks)).toContain("Reference: ABC123 — the log has the details.");
    expectSlackSafe(message);
  });

  it("escapes and cuts whatever reference it is given", () => {
    const message = errorMessage(`<!channel>${"x".repeat(5000)}`);
    expectSlackSafe(message);
    expect(message.text).toContain("&lt;!channel&gt;");
    expect(message.text.length).toBeLessThan(250);
  });
});
