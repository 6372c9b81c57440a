import { describe, expect, it } from "vitest";
import type { LetterAnnouncement } from "../../src/digest/announce.ts";
import { PostFailure } from "../../src/digest/post-failure.ts";
import { announcementMessage, postAnnouncement } from "../../src/slack/announce.ts";
import { checkBlocks } from "../support/check-blocks.ts";
import { findRawCharacters, findUnescaped } from "../support/find-unescaped.ts";
import { fakeClient } from "./fakes.ts";

const SEFTON: LetterAnnouncement = {
  letter: "sefton/2025",
  council: "Sefton Metropolitan Borough Council",
  shortName: "Sefton",
  year: 2025,
  change: "added",
  headline: "New Ombudsman letter: Sefton 2025, upheld 70% (average 65%)",
  details: ["compliance 90% (average 99%)", "remedy 43% (average 11%)"],
  key: "sefton/2025: upheld 70% (average 65%); compliance 90% (average 99%); remedy 43% (average 11%)",
};

describe("a new letter's announcement in Slack", () => {
  it("is the headline, as its notification text too, with the other rates and what to ask", () => {
    const message = announcementMessage(SEFTON);
    expect(message.text).toBe("New Ombudsman letter: Sefton 2025, upheld 70% (average 65%)");
    expect(message.blocks).toEqual([
      {
        type: "section",
        text: { type: "mrkdwn", text: SEFTON.headline, verbatim: true },
      },
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "compliance 90% (average 99%) · remedy 43% (average 11%)", verbatim: true },
          { type: "mrkdwn", text: "Ask `/ombuds Sefton 2025` for the letter.", verbatim: true },
        ],
      },
    ]);
  });

  it("escapes every word from the letter and keeps to Block Kit's limits, however long", () => {
    const hostile = announcementMessage({
      ...SEFTON,
      shortName: "<!channel> & <@U123>",
      headline: `New Ombudsman letter: <!channel> & <@U123> 2025, ${"upheld ".repeat(800)}`,
      details: ["<https://evil.example|click>"],
    });
    expect(checkBlocks(hostile.blocks)).toEqual([]);
    expect(findUnescaped(hostile.blocks)).toEqual([]);
    expect(findRawCharacters(hostile.blocks)).toEqual([]);
    expect(findUnescaped(hostile.text)).toEqual([]);
    expect(hostile.text.length).toBeLessThanOrEqual(3000);
  });

  it("posts to the channel and gives back the post's ts; a refusal is the digest's PostFailure", async () => {
    const client = fakeClient();
    expect(await postAnnouncement(client, "C0SEFTON", SEFTON)).toEqual({ ts: "1700000000.000001" });
    expect(client.posted).toEqual([{ channel: "C0SEFTON", ...announcementMessage(SEFTON) }]);
    const refused = postAnnouncement(
      fakeClient(() => "not_in_channel"),
      "C0SEFTON",
      SEFTON,
    );
    await expect(refused).rejects.toBeInstanceOf(PostFailure);
    await expect(refused).rejects.toMatchObject({ code: "not_in_channel", permanent: true });
  });
});
