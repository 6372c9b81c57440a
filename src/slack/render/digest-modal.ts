import type { KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { DAY_NAMES, DEFAULT_DAY, DEFAULT_TIME, DEFAULT_TIME_ZONE } from "../../digest/schedule.ts";
import { mrkdwn } from "./blocks.ts";
import { clip } from "./escape.ts";

/**
 * The weekly digest's set-up modal (`/ombuds digest` with nothing after it, or "Set up a digest" and "Edit" on App
 * Home): the conversation, the councils (a multi-select whose options come from `councilOptions` as the person
 * types), the day, the time and "quiet". The typed `/ombuds digest on …` sets up the same digest.
 */

export const DIGEST_MODAL = "digest_setup";
/** The councils select's action id: Slack asks the app for its options (`block_suggestion`) under it. */
export const COUNCILS_ACTION = "digest_councils";
/** Each input's block id; the element in it has the action id of the same name. */
export const DIGEST_INPUT = {
  channel: "digest_channel",
  councils: "digest_councils",
  day: "digest_day",
  time: "digest_time",
  quiet: "digest_quiet",
} as const;
export const CHANNEL_ACTION = "digest_channel";
export const DAY_ACTION = "digest_day";
export const TIME_ACTION = "digest_time";
export const QUIET_ACTION = "digest_quiet";
export const QUIET_VALUE = "quiet";

/** Slack's cap on an option's text (plain_text) and value. */
const OPTION_TEXT = 75;
const OPTION_VALUE = 150;

/** What the modal carries to its submission (`private_metadata`, read back through a schema). */
export interface DigestModalState {
  /** Where it was opened: the submission republishes App Home for "home". */
  from: "command" | "home";
  /** The conversation, when the modal does not ask for one (editing a digest, or a DM's own digest). */
  channel?: string;
}

export interface DigestModalInput {
  state: DigestModalState;
  /** The conversation the picker starts on (the channel the command was typed in). */
  initialChannel?: string;
  /** The digest as it is, when editing: its councils by reference-list name and short name. */
  current?: { councils: { name: string; shortName: string }[]; day: number; time: string; quiet: boolean };
}

/** A council as an option of the councils select: shown by its short name, submitted by its full name. */
export function councilOption(council: {
  name: string;
  shortName: string;
  detail?: string;
}): PlainTextOption {
  const label = council.detail ? `${council.shortName} (${council.detail})` : council.shortName;
  return {
    text: { type: "plain_text", text: clip(label, OPTION_TEXT), emoji: false },
    value: council.name.slice(0, OPTION_VALUE),
  };
}

const plain = (text: string) => ({ type: "plain_text" as const, text, emoji: true });

/** Monday first, as a British week is read; the values are date-fns day numbers. */
const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
const dayOption = (day: number): PlainTextOption => ({
  text: plain(DAY_NAMES[day] ?? "Monday"),
  value: String(day),
});

export function digestModal(input: DigestModalInput): ModalView {
  const { state, current } = input;
  const where: KnownBlock = state.channel
    ? {
        type: "section",
        text: mrkdwn(
          state.channel.startsWith("D")
            ? "The digest for our direct messages: only you see it."
            : `The digest for <#${state.channel}>.`,
        ),
      }
    : {
        type: "input",
        block_id: DIGEST_INPUT.channel,
        label: plain("Channel"),
        hint: plain("I post only in channels I'm a member of: invite me there with /invite @ombuds."),
        element: {
          type: "conversations_select",
          action_id: CHANNEL_ACTION,
          placeholder: plain("Pick a channel"),
          filter: { include: ["public", "private"], exclude_bot_users: true },
          // The confirmation goes to the chosen channel, where only the person who saved it sees it.
          response_url_enabled: true,
          ...(input.initialChannel && !input.initialChannel.startsWith("D")
            ? { initial_conversation: input.initialChannel }
            : {}),
        },
      };
  const councils = current?.councils ?? [];
  const day = current?.day ?? DEFAULT_DAY;
  return {
    type: "modal",
    callback_id: DIGEST_MODAL,
    title: plain("Weekly digest"),
    submit: plain(current ? "Save changes" : "Start digest"),
    close: plain("Cancel"),
    private_metadata: JSON.stringify(state),
    blocks: [
      where,
      {
        type: "input",
        block_id: DIGEST_INPUT.councils,
        optional: true,
        label: plain("Councils"),
        hint: plain("Type a council's name to find it. Leave it empty for every council."),
        element: {
          type: "multi_external_select",
          action_id: COUNCILS_ACTION,
          placeholder: plain("Every council"),
          min_query_length: 1,
          ...(councils.length > 0 ? { initial_options: councils.map(councilOption) } : {}),
        },
      },
      {
        type: "input",
        block_id: DIGEST_INPUT.day,
        label: plain("Day"),
        element: {
          type: "static_select",
          action_id: DAY_ACTION,
          options: DAY_ORDER.map(dayOption),
          initial_option: dayOption(day),
        },
      },
      {
        type: "input",
        block_id: DIGEST_INPUT.time,
        label: plain("Time"),
        hint: plain(`${DEFAULT_TIME_ZONE === "Europe/London" ? "UK time" : DEFAULT_TIME_ZONE}, 24-hour.`),
        element: {
          type: "timepicker",
          action_id: TIME_ACTION,
          initial_time: current?.time ?? DEFAULT_TIME,
          timezone: DEFAULT_TIME_ZONE,
        },
      },
      {
        type: "input",
        block_id: DIGEST_INPUT.quiet,
        optional: true,
        label: plain("Quiet weeks"),
        element: {
          type: "checkboxes",
          action_id: QUIET_ACTION,
          options: [quietOption],
          ...(current?.quiet ? { initial_options: [quietOption] } : {}),
        },
      },
    ],
  };
}

const quietOption: PlainTextOption = {
  text: plain("Skip the digest in a week with nothing new"),
  value: QUIET_VALUE,
};

/** A modal that only says something (who may change a digest): opened where a button was clicked on App Home. */
export function noticeModal(title: string, text: string): ModalView {
  return {
    type: "modal",
    title: plain(clip(title, 24)),
    close: plain("OK"),
    blocks: [{ type: "section", text: mrkdwn(text) }],
  };
}
