import type { KnownBlock } from "@slack/types";
import { CONCERN_LABEL } from "../../answers/index.ts";
import { type Digest, type DigestCouncil, REASON_LABEL } from "../../digest/compose.ts";
import { percent } from "../../phrasing.ts";
import type { Message } from "./answer.ts";
import { context, divider, header, listWithin, packSections, plural, section } from "./blocks.ts";
import { clip, escape as escapeText } from "./escape.ts";

/**
 * A digest as a Slack message: what is new, the counts, the councils needing attention (each with its rates and
 * concerns), the others in brief, how to ask more. Hundreds of councils are summarised: the first ones by name, then
 * "…and N more", within Block Kit's limits (blocks, section length, and the message's total text).
 */

/** Councils needing attention shown with their details; the rest are counted. */
const DETAILED = 20;
const avg = (average: number | null) => (average === null ? "" : ` (avg ${average}%)`);

function ratesLine(c: DigestCouncil): string {
  return `upheld ${percent(c.upheld.rate)}${avg(c.upheld.average)} · compliance ${percent(c.compliance.rate)}${avg(c.compliance.average)} · remedy ${percent(c.remedy.rate)}${avg(c.remedy.average)}`;
}

function attentionItem(c: DigestCouncil): string {
  const concerns = c.concerns
    .filter((x) => x.tone === "concern")
    .map((x) => `\n   :warning: ${escapeText(CONCERN_LABEL[x.category])}: ${clip(x.summary, 200)}`)
    .join("");
  return `*${clip(c.shortName, 100)}* (${c.year}) — ${ratesLine(c)}\n   _${c.reasons.map((r) => REASON_LABEL[r]).join("; ")}_${concerns}`;
}

const DAY = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

export function digestMessage(digest: Digest): Message {
  const day = (iso: string) => DAY.format(new Date(iso));
  let opening: string;
  if (digest.since === null) {
    opening = `First digest${digest.watchList ? ` for ${listWithin(digest.watchList.map(escapeText), 600)}` : ""}: the latest letter of each council.`;
  } else if (digest.unchanged) {
    opening = `Nothing new since the last digest (${day(digest.since)}).`;
  } else {
    // Only as many as 1,200 characters could hold (each at least a character and its separator): a first digest
    // after a large ingest has thousands.
    const names = digest.newLetters
      .slice(0, 400)
      .map((l) => `${escapeText(l.shortName)} ${l.year}${l.change === "updated" ? " (updated)" : ""}`);
    opening = `*New since ${day(digest.since)}:* ${plural(digest.newLetters.length, "letter")} — ${listWithin(names, 1200, ", ", digest.newLetters.length)}.`;
  }
  const { counts } = digest;
  const summary = `${plural(counts.councils, "council")}: *${counts.upheldAboveAverage}* above the similar-authority average on complaints upheld, *${counts.complianceBelow100}* below 100% compliance, *${counts.withConcerns}* with concerns raised.`;

  const blocks: KnownBlock[] = [header(digest.title, "Ombudsman digest"), section(`${opening}\n${summary}`)];
  const called = digest.councils.filter((c) => c.reasons.length > 0);
  const others = digest.councils.filter((c) => c.reasons.length === 0);
  if (called.length > 0) {
    blocks.push(divider(), section("*Needing attention*"));
    blocks.push(
      ...packSections(called.slice(0, DETAILED).map(attentionItem), {
        max: 12,
        chars: 5000,
        omitted: Math.max(0, called.length - DETAILED),
        more: (left) => `…and ${left} more needing attention: ask \`/ombuds concerns\` or about one council.`,
      }),
    );
  }
  if (others.length > 0) {
    const names = others.map(
      (c) => `${escapeText(c.shortName)} (upheld ${percent(c.upheld.rate)}${avg(c.upheld.average)})`,
    );
    blocks.push(
      divider(),
      section(`*${called.length > 0 ? "The others" : "Councils"}:* ${listWithin(names, 1500, "; ")}`),
    );
  }
  if (digest.missing.length > 0) {
    blocks.push(context([`No letter held yet for ${listWithin(digest.missing.map(escapeText), 1500)}.`]));
  }
  blocks.push(
    context([
      // Static text goes through the same escaping as the letters' words: a raw "<council>" is Slack markup.
      escapeText(
        "Ask more: `/ombuds <council>`, `/ombuds compare <a> <b>`, or mention @ombuds with a question.",
      ),
    ]),
  );
  const text = escapeText(
    `${digest.title}: ${digest.unchanged ? "nothing new" : `${counts.withConcerns} councils with concerns`}`,
  );
  return { text, blocks };
}
