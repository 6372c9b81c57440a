import type { LetterAnnouncement } from "../digest/announce.ts";
import type { ChatClient } from "./clients.ts";
import { slackFailure } from "./errors.ts";
import { context, section } from "./render/blocks.ts";
import { clip, LIMITS, type Message } from "./render/index.ts";

/**
 * A new letter's announcement as a Slack message: the headline (also the notification text), the other rates, and
 * what to ask for the whole letter. Every word from the letter is escaped, and each text kept within Block Kit's
 * limits, though an announcement is a line or two.
 */
export function announcementMessage(announcement: LetterAnnouncement): Message {
  const ask = `/ombuds ${announcement.shortName} ${announcement.year}`;
  const notes = [
    ...(announcement.details.length > 0 ? [clip(announcement.details.join(" · "), 1000)] : []),
    `Ask \`${clip(ask, 200)}\` for the letter.`,
  ];
  return {
    text: clip(announcement.headline, LIMITS.fallbackText),
    blocks: [section(clip(announcement.headline, LIMITS.sectionText)), context(notes)],
  };
}

/**
 * Post an announcement in a channel (`chat.postMessage`); rejects with a `PostFailure`, read as the digest's posts
 * are (`not_in_channel` is permanent: the bot must be invited). The `ts` is the message's, for a reply in its thread.
 */
export async function postAnnouncement(
  client: ChatClient,
  channel: string,
  announcement: LetterAnnouncement,
): Promise<{ ts: string }> {
  const message = announcementMessage(announcement);
  try {
    const result = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    return { ts: String(result.ts ?? "") };
  } catch (error) {
    throw slackFailure(error);
  }
}
