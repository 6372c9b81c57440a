import { basename } from "node:path";
import type { ActionsBlock, KnownBlock, SectionBlock } from "@slack/types";
import {
  type Answer,
  CONCERN_LABEL,
  type ConcernFact,
  type CouncilFacts,
  isNameNote,
  type RateFact,
  type Source,
  typeLabel,
} from "../../answers/index.ts";
import { type Chart, chartFor } from "../../charts/index.ts";
import { bar, ordinal, percent } from "../../phrasing.ts";
import {
  context,
  hardCut,
  header,
  isBlank,
  listWithin,
  mrkdwn,
  NOTE_ROOM,
  packSections,
  packTexts,
  plural,
  section,
} from "./blocks.ts";
import { clip, oneLine } from "./escape.ts";
import { LIMITS, shownLength } from "./limits.ts";

/**
 * An `Answer` as a Slack message: the same facts `renderAnswer` prints for the console, in Block Kit. Every string
 * from the answer is escaped, and the message keeps within Block Kit's limits whatever the answer holds: each part
 * has a budget of blocks and of characters (below), and a part that needs more shows its first items and says how
 * many it leaves out.
 *
 * Blocks: header 1 + lines 3 + councils 8 + ranking 10 + trend 1 + concerns 12 + holdings 1 + notes 1 +
 * suggestions 2 (a label and the buttons) + share 1 = 40 at most, under Slack's 50.
 *
 * Characters: Slack also rejects a message whose blocks hold more than about 12,000 characters of text in all
 * (`msg_blocks_too_long`; undocumented, see `LIMITS.messageText`). The parts share `TEXT_BUDGET`, each taking at
 * most its own cap, so the usual answers (a summary is some 3,000 characters) are whole and only an answer with
 * hundreds of rows or concerns is cut.
 */

export interface Message {
  /** The notification and screen-reader text: the title and the answer's first lines. */
  text: string;
  blocks: KnownBlock[];
  /**
   * The answer's figures as a chart (src/charts/), for the Slack app to upload beside the message; absent when the
   * answer has nothing to draw. Plain data: it crosses from the answering thread as it is.
   */
  chart?: Chart;
}

const BLOCKS = {
  lines: 3,
  councils: 8,
  ranking: 10,
  concerns: 12,
  /** Concerns of many councils are listed a line each, without the letters' words (as the console does). */
  concernLines: 8,
} as const;

/** Characters of text for all the blocks together, kept under `LIMITS.messageText` with room for the "more" lines. */
export const TEXT_BUDGET = 9000;
const CHARS = {
  lines: 3000,
  councils: 4000,
  ranking: 6000,
  trend: 1500,
  concerns: 6000,
  holdings: 2800,
  notes: 2000,
  suggestions: 800,
} as const;

/** The most concerns of several councils shown with their quotes; more are listed a line each. */
const QUOTED_CONCERNS = 6;
const SUGGESTIONS = 5;
const NAME = 200;
const SUMMARY = 500;
const QUOTE = 1200;
const SHARE_LABEL = "Share in channel";

export const SHARE_ACTION = "share_answer";
/** The suggestion buttons' action ids: `ask_suggestion_0` … (ids are unique within a block). */
export const SUGGESTION_ACTION = "ask_suggestion";

export function answerMessage(
  answer: Answer,
  options: { share?: { question: string; id?: string } } = {},
): Message {
  let left = TEXT_BUDGET - (options.share ? SHARE_LABEL.length : 0);
  /** A part spends what it may (its own cap, or what the parts before it left) and leaves the rest. */
  const spend = (make: (chars: number) => KnownBlock[], cap: number): KnownBlock[] => {
    const part = make(Math.max(0, Math.min(cap, left)));
    left -= shownLength(part);
    return part;
  };
  // The header, sources, notes and suggestions are small and always wanted: they are paid for first, and the
  // figures, rankings and concerns share what is left in the order they are shown.
  // A name read as a typo ("Did you mean Sefton?") is said under the header, so the reader knows whose figures follow.
  const typos = answer.notes.filter(isNameNote).slice(0, 3);
  const head = spend(
    () => [
      header(answer.title, "Answer"),
      ...(typos.length > 0 ? [context(typos.map((t) => `:mag: ${clip(oneLine(t.text), 600)}`))] : []),
    ],
    LIMITS.header + 2000,
  );
  const notes = spend((chars) => notesOf(answer, chars), CHARS.notes);
  const suggestions = spend((chars) => suggestionsOf(answer, chars), CHARS.suggestions);
  const blocks: KnownBlock[] = [
    ...head,
    ...spend((chars) => linesOf(answer, chars), CHARS.lines),
    ...spend((chars) => councilsOf(answer, chars), CHARS.councils),
    ...spend((chars) => rankingOf(answer, chars), CHARS.ranking),
    ...spend((chars) => trendOf(answer, chars), CHARS.trend),
    ...spend((chars) => concernsOf(answer, chars), CHARS.concerns),
    ...spend((chars) => holdingsOf(answer, chars), CHARS.holdings),
    ...notes,
    ...suggestions,
  ];
  if (options.share) blocks.push(shareBlock(options.share));
  const chart = chartFor(answer);
  return { text: fallbackText(answer), blocks, ...(chart ? { chart } : {}) };
}

function fallbackText(answer: Answer): string {
  const parts = [answer.title, ...answer.lines.slice(0, 2)].map(oneLine).filter((t) => !isBlank(t));
  return parts.length > 0 ? clip(parts.join("\n"), LIMITS.fallbackText) : "Answer";
}

const more = (what: string) => (left: number) => `…and ${left} more${what}`;
const ASK_ONE = "; ask about one council for its details";

function linesOf(answer: Answer, chars: number) {
  // The figures are shown as fields below; the sentences that only restate them are left out, so each is shown once.
  const shownAsFields = answer.councils.some((c) => c.rates.length > 0 || c.perResidents?.value != null);
  const restating = new Set(shownAsFields ? answer.restating : []);
  const lines = answer.lines
    .filter((l, i) => !isBlank(l) && !restating.has(i))
    .map((l) => clip(l, LIMITS.sectionText));
  return packSections(lines, { max: BLOCKS.lines, chars, more: (n) => `…and ${plural(n, "more line")}` });
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

/** "`81% ████████░░` avg 67% · 14 points above · 1st of 3 metropolitan boroughs · 16 investigations" */
export function rateLine(fact: RateFact, council: CouncilFacts): string {
  if (fact.noCases)
    return `\`n/c\` not calculable: no ${clip(fact.baseLabel, 100)} in ${council.source.year}`;
  const figure = `\`${percent(fact.rate).padStart(4, " ")} ${bar(fact.rate)}\``;
  const parts: string[] = [];
  if (fact.average !== null) parts.push(`avg ${fact.average}%`);
  if (fact.difference !== null && fact.position !== null) {
    const points = Math.abs(fact.difference);
    parts.push(fact.position === "level" ? "level" : `${plural(points, "point")} ${fact.position}`);
  }
  if (fact.rank && fact.rank.of >= 2) {
    const { position, of, tied } = fact.rank;
    parts.push(
      `${tied > 1 ? "joint " : ""}${ordinal(position)} of ${of} ${clip(typeLabel(council.authority.type, true), 100)}`,
    );
  }
  if (fact.base !== null) {
    const label = fact.base === 1 ? fact.baseLabel.replace(/s$/, "") : fact.baseLabel;
    parts.push(`${fact.base} ${clip(label, 100)}`);
  }
  return parts.length > 0 ? `${figure} ${parts.join(" · ")}` : figure;
}

/**
 * A council's figures as a section of fields, a label beside each value (Block Kit lays them out in two columns,
 * stacked on a phone), the council named above them when there are several; null when there is nothing to show.
 */
function councilBlock(council: CouncilFacts, many: boolean): SectionBlock | null {
  const fields: string[] = [];
  for (const fact of council.rates) fields.push(`*${clip(fact.label.trim(), 100)}*`, rateLine(fact, council));
  const per = council.perResidents;
  if (per?.value != null) {
    const average = per.average === null ? "" : ` · avg ${per.average.toFixed(1)}`;
    const side = per.position && per.position !== "level" ? ` · ${per.position} average` : "";
    fields.push("*Upheld decisions per 100,000 residents*", `\`${per.value.toFixed(1)}\`${average}${side}`);
  }
  const name = `*${clip(council.authority.name.trim(), NAME)}* (${council.source.year})`;
  if (fields.length === 0) {
    if (!council.noStatistics || !many) return null;
    return { type: "section", text: mrkdwn(`${name}\n_The letter gives no complaint statistics._`) };
  }
  return {
    type: "section",
    ...(many ? { text: mrkdwn(name) } : {}),
    fields: fields.slice(0, LIMITS.fields).map((f) => mrkdwn(hardCut(f, LIMITS.field))),
  };
}

function councilsOf(answer: Answer, chars: number): KnownBlock[] {
  const many = answer.councils.length > 1;
  const blocks: KnownBlock[] = [];
  let used = 0;
  const all = answer.councils.map((c) => councilBlock(c, many)).filter((b): b is SectionBlock => b !== null);
  for (const block of all) {
    const size = shownLength([block]);
    if (blocks.length >= BLOCKS.councils - 1 || used + size > chars - NOTE_ROOM) break;
    blocks.push(block);
    used += size;
  }
  const left = all.length - blocks.length;
  if (left > 0) blocks.push(section(`…and ${left} more councils${ASK_ONE}`));
  return blocks;
}

function rankingOf(answer: Answer, chars: number) {
  const ranking = answer.ranking;
  if (!ranking) return [];
  const rate = ranking.unit === "%";
  const rows = ranking.rows.map((row) => {
    const average = row.average === null ? "" : ` avg ${rate ? `${row.average}%` : row.average.toFixed(1)}`;
    const figure = rate
      ? `\`${percent(row.rate).padStart(4, " ")} ${bar(row.rate)}\``
      : `\`${row.rate.toFixed(1)}\` per 100,000`;
    // Equal figures share a place: "=3."
    return `${row.tied ? "=" : ""}${row.place}. *${clip(row.authority.shortName.trim(), NAME)}* ${figure}${average}`;
  });
  return packSections(rows, {
    max: BLOCKS.ranking,
    chars,
    omitted: Math.max(0, ranking.total - ranking.rows.length),
    more: more(ASK_ONE),
  });
}

function trendOf(answer: Answer, chars: number) {
  const trend = answer.trend;
  if (!trend || trend.points.length < 2) return [];
  const cell = (v: number | null, width: number) => percent(v).padStart(width);
  const head = `${"year".padEnd(6)}${"upheld".padStart(8)}${"compliance".padStart(12)}${"remedy".padStart(8)}`;
  const rows = trend.points.map(
    (p) => `${String(p.year).padEnd(6)}${cell(p.upheld, 8)}${cell(p.compliance, 12)}${cell(p.remedy, 8)}`,
  );
  const table = (shown: string[], left: number) =>
    `\`\`\`\n${[head, ...shown].join("\n")}\n\`\`\`${left > 0 ? `\n…and ${plural(left, "more year")}` : ""}`;
  let shown = rows.length;
  const limit = Math.min(LIMITS.sectionText, chars);
  while (shown > 0 && table(rows.slice(0, shown), rows.length - shown).length > limit) shown--;
  if (shown === 0) return [section(`…and ${plural(rows.length, "more year")}`)];
  return [section(table(rows.slice(0, shown), rows.length - shown))];
}

// ---------------------------------------------------------------------------------------------------------------
// Concerns

const TONE_EMOJI: Record<ConcernFact["tone"], string> = {
  concern: ":warning:",
  praise: ":white_check_mark:",
  note: ":information_source:",
};
/** The tone in words: the emoji is decoration, and a screen reader or a colour-blind reader has the word. */
const TONE_WORD: Record<ConcernFact["tone"], string> = { concern: "Concern", praise: "Praise", note: "Note" };

function concernsOf(answer: Answer, chars: number) {
  const concerns = answer.concerns;
  if (concerns.length === 0) return [];
  const several = new Set(concerns.map((c) => c.authority.name)).size > 1;
  // Beside other councils' figures (side by side), even one council's concerns say whose they are.
  const named = several || answer.councils.some((c) => c.authority.name !== concerns[0]?.authority.name);
  // Concerns from letters of several years ("since 2022") say which year's letter raised each.
  const years = new Set(concerns.map((c) => c.year)).size > 1;
  const quoted = !several || concerns.length <= QUOTED_CONCERNS;
  const items = concerns.map((c) => {
    const name = named ? `*${clip(c.authority.shortName.trim(), NAME)}*` : "";
    const who = named || years ? `${[name, years ? String(c.year) : ""].filter(Boolean).join(" ")} · ` : "";
    const summary = isBlank(c.summary) ? "" : `: ${clip(oneLine(c.summary), SUMMARY)}`;
    const head = `${TONE_EMOJI[c.tone]} ${TONE_WORD[c.tone]} · ${who}*${clip(CONCERN_LABEL[c.category], 100)}*${summary}`;
    const quote = oneLine(c.quote);
    return quoted && quote ? `${head}\n>“${clip(quote, QUOTE)}”` : head;
  });
  return packSections(items, {
    max: quoted ? BLOCKS.concerns : BLOCKS.concernLines,
    chars,
    one: quoted,
    more: more(several ? ASK_ONE : " in the letter"),
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Holdings, notes, suggestions, sharing

function holdingsOf(answer: Answer, chars: number) {
  const held = answer.holdings;
  if (!held) return [];
  const out: string[] = [];
  if (held.years.length > 0) out.push(`*Years:* ${listWithin(held.years.map(String), 300)}`);
  const types = held.byType.filter((t) => t.councils > 0);
  if (types.length > 0) {
    const byType = types.map((t) => `${t.councils} ${clip(typeLabel(t.type, t.councils !== 1), 100)}`);
    out.push(`*By type:* ${listWithin(byType, 600)}`);
  }
  if (held.withConcerns.length > 0) {
    const names = held.withConcerns.map((n) => clip(n.trim(), NAME));
    const label = "*Councils with concerns in the latest letters:* ";
    const used = out.reduce((n, line) => n + line.length + 1, label.length);
    out.push(label + listWithin(names, Math.max(NOTE_ROOM, Math.min(1800, chars - used))));
  }
  return out.length > 0 ? [section(out.join("\n"))] : [];
}

function sourcesOf(answer: Answer): Source[] {
  const all: Source[] = [
    ...answer.councils.map((c) => c.source),
    ...answer.concerns.map((c) => c.source),
    ...(answer.ranking?.rows.map((r) => r.source) ?? []),
    ...(answer.trend?.points.map((p) => p.source) ?? []),
  ];
  const byFile = new Map<string, Source>();
  for (const source of all) if (!byFile.has(source.file)) byFile.set(source.file, source);
  return [...byFile.values()];
}

/** The source letters and the notes, in one context block of at most 10 elements. */
function notesOf(answer: Answer, chars: number) {
  const elements: string[] = [];
  const sources = sourcesOf(answer);
  if (sources.length > 0 && sources.length <= 3) {
    // The letter by council and year, and its file's name: the server's folder means nothing to the reader.
    const list = sources
      .map((s) => `${clip(s.council, NAME)}'s ${s.year} letter (${clip(basename(s.file), 200)})`)
      .join(", ");
    elements.push(`:page_facing_up: ${sources.length === 1 ? "Source" : "Sources"}: ${list}`);
  } else if (sources.length > 3) {
    const years = [...new Set(sources.map((s) => s.year))].sort((a, b) => a - b);
    elements.push(
      `:page_facing_up: Sources: ${sources.length} letters (${listWithin(years.map(String), 300)})`,
    );
  }
  // The first three notes about names are said under the header; any more are said here with the rest.
  const underHeader = new Set(answer.notes.filter(isNameNote).slice(0, 3));
  const notes = answer.notes
    .filter((n) => !isBlank(n.text) && !underHeader.has(n))
    .map((n) => `Note: ${clip(oneLine(n.text), 1900)}`);
  elements.push(
    ...packTexts(notes, {
      limit: LIMITS.contextText,
      max: LIMITS.contextElements - elements.length,
      chars: chars - elements.reduce((n, e) => n + e.length, 0),
      more: (n) => `…and ${plural(n, "more note")}`,
    }),
  );
  return elements.length > 0 ? [context(elements)] : [];
}

/**
 * What to ask next, as buttons that ask it ("Try:" first, as a label): a click answers the question, privately, as
 * the slash command does. A button's label holds 75 characters; a longer question is cut there, and its value (the
 * question the click asks) holds it whole, within the 2,000 a value takes.
 */
function suggestionsOf(answer: Answer, chars: number): KnownBlock[] {
  if (chars < NOTE_ROOM) return [];
  const questions = answer.suggestions.filter((s) => !isBlank(s)).slice(0, SUGGESTIONS);
  if (questions.length === 0) return [];
  const buttons = questions.map((question, i) => ({
    type: "button" as const,
    action_id: `${SUGGESTION_ACTION}_${i}`,
    text: { type: "plain_text" as const, text: clip(oneLine(question), LIMITS.buttonText) },
    value: shareValue(question),
  }));
  return [context(["Try:"]), { type: "actions", elements: buttons }];
}

/**
 * The value a share button carries back: `{"q": question, "id": …}` (the id of the answer as shown, kept by the
 * answerer), the question cut (on a character, never inside an escape) so the JSON stays within 2,000 characters.
 * Raw, not escaped: Slack never shows it, and the app reads it.
 */
export function shareValue(question: string, id?: string): string {
  const value = (q: string) => JSON.stringify(id === undefined ? { q } : { q, id });
  const whole = value(question);
  if (whole.length <= LIMITS.buttonValue) return whole;
  const chars = Array.from(question);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (value(chars.slice(0, middle).join("")).length <= LIMITS.buttonValue) low = middle;
    else high = middle - 1;
  }
  return value(chars.slice(0, low).join(""));
}

/** The message as shared: the Share button (it is the answer shown to one person) taken off. */
export function withoutShareButton(message: Message): Message {
  const isShare = (block: KnownBlock) =>
    block.type === "actions" && block.elements.some((e) => "action_id" in e && e.action_id === SHARE_ACTION);
  return { ...message, blocks: message.blocks.filter((b) => !isShare(b)) };
}

/** An answer made with a Share button, its button now carrying `share` (another asker's id): the answer kept, reused. */
export function withShare(message: Message, share: { question: string; id?: string }): Message {
  return { ...message, blocks: [...withoutShareButton(message).blocks, shareBlock(share)] };
}

function shareBlock(share: { question: string; id?: string }): ActionsBlock {
  return {
    type: "actions",
    elements: [
      {
        type: "button",
        action_id: SHARE_ACTION,
        text: { type: "plain_text", text: SHARE_LABEL },
        value: shareValue(share.question, share.id),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** "Sorry, something went wrong answering that. Reference: ABC123 — the log has the details." */
export function errorMessage(reference: string): Message {
  const ref = isBlank(reference) ? "unknown" : clip(oneLine(reference), 100);
  const text = `Sorry, something went wrong answering that. Reference: ${ref} — the log has the details.`;
  return { text, blocks: [{ type: "section", text: mrkdwn(`:warning: ${text}`) }] };
}
