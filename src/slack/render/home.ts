import type { HomeView, KnownBlock } from "@slack/types";
import {
  context,
  divider,
  header,
  isBlank,
  listWithin,
  mrkdwn,
  packSections,
  plural,
  section,
} from "./blocks.ts";
import { clip, oneLine } from "./escape.ts";
import { shownLength } from "./limits.ts";

/**
 * The App Home tab: what the bot holds, the councils whose letters raise concerns, how to ask (with examples) and any
 * notes (a paused digest, say). Every string is escaped, and the view keeps within Block Kit's limits (100 blocks for
 * a view) however many councils, examples or notes there are.
 *
 * Budget: header 1 + figures 1 + notes 3 + divider 1 + header 1 + concerns 50 + digests (divider 1 + header 1 +
 * set-up button 1 + 10 × (row 1 + buttons 1) + "and more" 1 = 24) + divider 1 + header 1 + how 1 + examples 3 +
 * context 1 = 89 blocks at most (a view may have 100), and 9,000 characters of text or so: no limit on a view's
 * text is documented, so it keeps to a message's.
 */

export interface HomeInput {
  letters: number;
  councils: number;
  years: number[];
  /** When letters were last ingested, as the app words it; null before the first ingest. */
  lastIngest: string | null;
  withConcerns: { shortName: string; year: number; summaries: string[] }[];
  /** Questions to try. */
  examples: string[];
  notes?: string[];
  /** The workspace's digests, to edit or stop from here (a DM's digest only to the person it is for). */
  digests?: HomeDigest[];
}

export interface HomeDigest {
  /** A channel id (named as a mention), or a DM's. */
  channel: string;
  /** The digest in words ("Weekly digest for Bury, Mondays at 09:00 … Next digest: …"), raw. */
  description: string;
}

/** Buttons on a digest's row, each carrying the digest's conversation id as its value. */
export const DIGEST_HOME_ACTIONS = { add: "digest_add", edit: "digest_edit", stop: "digest_stop" } as const;

const BLOCKS = { notes: 3, concerns: 50, examples: 3, digests: 10 } as const;
/** Characters of text in the whole view: kept as a message's (see `LIMITS.messageText`), as a margin of safety. */
const TEXT_BUDGET = 9000;
const CHARS = { notes: 1500, examples: 1500, concerns: 6000 } as const;
export const SLASH_COMMAND = "/ombuds";

/** "2020", "2019–2024" when the years run unbroken, else the list. */
function yearsText(years: number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  if (sorted.length === 0) return "none yet";
  const first = sorted[0] as number;
  const last = sorted[sorted.length - 1] as number;
  if (sorted.length === 1) return String(first);
  if (last - first + 1 === sorted.length) return `${first}–${last}`;
  return listWithin(sorted.map(String), 1000);
}

export function homeView(input: HomeInput): HomeView {
  const about: KnownBlock[] = [
    header("Ombudsman annual review letters", "Ombuds"),
    {
      type: "section",
      text: mrkdwn(
        "I answer questions about the annual review letters the Local Government and Social Care Ombudsman sends each council.",
      ),
      fields: [
        mrkdwn(`*Letters*\n${input.letters}`),
        mrkdwn(`*Councils*\n${input.councils}`),
        mrkdwn(`*Years*\n${yearsText(input.years)}`),
        mrkdwn(
          `*Last ingest*\n${input.lastIngest === null || isBlank(input.lastIngest) ? "never" : clip(oneLine(input.lastIngest), 200)}`,
        ),
      ],
    },
  ];
  const howTo: KnownBlock[] = [
    divider(),
    header("How to ask", "How to ask"),
    {
      type: "section",
      text: mrkdwn(
        `Type \`${SLASH_COMMAND}\` and your question anywhere, mention me (@ombuds) in a channel I'm in, or send me a direct message. For example:`,
      ),
    },
  ];
  const footer = [
    context([`Figures and quotes come from the letters themselves; ask \`${SLASH_COMMAND} help\` for more.`]),
  ];
  const digests = digestBlocks(input.digests ?? []);
  const concernsHeader: KnownBlock[] = [
    divider(),
    header("Councils with concerns", "Councils with concerns"),
  ];

  // What is always shown is paid for first; then the notes and examples, and the councils' concerns get the rest.
  let left = TEXT_BUDGET - textLength([...about, ...howTo, ...footer, ...concernsHeader, ...digests]);
  const spend = (make: (chars: number) => KnownBlock[], cap: number): KnownBlock[] => {
    const part = make(Math.max(0, Math.min(cap, left)));
    left -= textLength(part);
    return part;
  };
  const notes = spend((chars) => {
    const items = (input.notes ?? [])
      .filter((n) => !isBlank(n))
      .map((n) => `:information_source: ${clip(n, 1000)}`);
    return packSections(items, { max: BLOCKS.notes, chars, more: (n) => `…and ${plural(n, "more note")}` });
  }, CHARS.notes);
  const examples = spend((chars) => {
    const items = input.examples
      .filter((e) => !isBlank(e))
      .map((e) => `• ${SLASH_COMMAND} ${clip(oneLine(e), 300)}`);
    return packSections(items, {
      max: BLOCKS.examples,
      chars,
      more: (n) => `…and ${plural(n, "more example")}`,
    });
  }, CHARS.examples);
  const concerns = spend((chars) => {
    if (input.withConcerns.length === 0) return [section("No letter I hold raises concerns.")];
    const items = input.withConcerns.map((c) => {
      const summaries = c.summaries.filter((s) => !isBlank(s)).map((s) => clip(oneLine(s), 300));
      const said = summaries.length > 0 ? `: ${listWithin(summaries, 1200, "; ")}` : "";
      return `:warning: *${clip(c.shortName.trim(), 200)}* (${c.year})${said}`;
    });
    return packSections(items, {
      max: BLOCKS.concerns,
      chars,
      more: (n) => `…and ${plural(n, "more council")}; ask about one council for its details`,
    });
  }, CHARS.concerns);

  return {
    type: "home",
    blocks: [
      ...about,
      ...notes,
      ...digests,
      ...concernsHeader,
      ...concerns,
      ...howTo,
      ...examples,
      ...footer,
    ],
  };
}

/** "Weekly digests": each with Edit and Stop, and a button to set one up (a modal, as `/ombuds digest` opens). */
function digestBlocks(digests: HomeDigest[]): KnownBlock[] {
  const add: KnownBlock = {
    type: "actions",
    block_id: "digest_add",
    elements: [
      {
        type: "button",
        action_id: DIGEST_HOME_ACTIONS.add,
        text: { type: "plain_text", text: "Set up a digest", emoji: true },
        style: "primary",
      },
    ],
  };
  const shown = digests.slice(0, BLOCKS.digests);
  const rows = shown.flatMap((d, i): KnownBlock[] => {
    // The one piece of markup: a channel mention we write from a channel id we checked (a DM has none to show).
    const where = /^[CG][A-Z0-9]+$/.test(d.channel) ? `<#${d.channel}>` : "Our direct messages";
    return [
      { type: "section", text: mrkdwn(`${where}: ${clip(oneLine(d.description), 1500)}`) },
      {
        type: "actions",
        block_id: `digest_${i}`,
        elements: [
          {
            type: "button",
            action_id: DIGEST_HOME_ACTIONS.edit,
            text: { type: "plain_text", text: "Edit", emoji: true },
            value: d.channel,
          },
          {
            type: "button",
            action_id: DIGEST_HOME_ACTIONS.stop,
            text: { type: "plain_text", text: "Stop", emoji: true },
            value: d.channel,
            style: "danger",
            confirm: {
              title: { type: "plain_text", text: "Stop this digest?" },
              text: { type: "plain_text", text: "No more weekly digests will be posted there." },
              confirm: { type: "plain_text", text: "Stop it" },
              deny: { type: "plain_text", text: "Keep it" },
              style: "danger",
            },
          },
        ],
      },
    ];
  });
  const more =
    digests.length > shown.length
      ? [
          context([
            `…and ${plural(digests.length - shown.length, "more digest")}: \`${SLASH_COMMAND} digest status\` in a channel says its own.`,
          ]),
        ]
      : [];
  const none = digests.length === 0 ? [section("No channel has a weekly digest yet.")] : [];
  return [divider(), header("Weekly digests", "Weekly digests"), ...none, ...rows, ...more, add];
}

const textLength = (blocks: KnownBlock[]) => shownLength(blocks);
