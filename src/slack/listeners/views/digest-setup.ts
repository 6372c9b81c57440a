import type { SlackViewMiddlewareArgs, ViewOutput, ViewResponseAction } from "@slack/bolt";
import { z } from "zod";
import type { AuthorityIndex } from "../../../authorities/index.ts";
import { type DigestChoice, saveSubscription } from "../../../digest/subscribe.ts";
import type { ChatClient, ViewsClient } from "../../clients.ts";
import type { SlackDeps } from "../../dependencies.ts";
import { digestDeps, digestPermission, type UsersClient } from "../../digest.ts";
import {
  CHANNEL_ACTION,
  COUNCILS_ACTION,
  DAY_ACTION,
  DIGEST_INPUT,
  QUIET_ACTION,
  QUIET_VALUE,
  TIME_ACTION,
} from "../../render/digest-modal.ts";
import { escape as escapeText } from "../../render/index.ts";

/** Slack's channel ids: public (C), private (G) and direct messages (D). */
const CHANNEL = /^[CGD][A-Z0-9]{2,}$/;

/** What the modal carried from where it was opened (`private_metadata`): ours, but it comes back from Slack. */
const ModalState = z.object({
  from: z.enum(["command", "home"]),
  channel: z.string().regex(CHANNEL).optional(),
});

/** The modal's answers as Slack sends them (`view.state.values`): each input's block, then its element. */
const Values = z.object({
  [DIGEST_INPUT.channel]: z
    .object({ [CHANNEL_ACTION]: z.object({ selected_conversation: z.string().nullish() }) })
    .optional(),
  [DIGEST_INPUT.councils]: z
    .object({
      [COUNCILS_ACTION]: z.object({
        selected_options: z
          .array(z.object({ value: z.string().max(200) }))
          .max(400)
          .nullish(),
      }),
    })
    .optional(),
  [DIGEST_INPUT.day]: z.object({
    [DAY_ACTION]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }),
  }),
  [DIGEST_INPUT.time]: z.object({ [TIME_ACTION]: z.object({ selected_time: z.string().nullish() }) }),
  [DIGEST_INPUT.quiet]: z
    .object({
      [QUIET_ACTION]: z.object({
        selected_options: z
          .array(z.object({ value: z.string() }))
          .max(10)
          .nullish(),
      }),
    })
    .optional(),
});

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export type ReadChoice =
  | {
      ok: true;
      choice: Omit<DigestChoice, "user" | "now">;
      from: "command" | "home";
      /** The modal asked for the channel (its input is where a problem with the channel is shown). */
      picked: boolean;
    }
  /** Errors by block id, as Slack shows them under each input (plain text). */
  | { ok: false; errors: Record<string, string> };

/**
 * The digest the modal asks for, read from what Slack sent back: the conversation, councils by reference-list name
 * (an option that names no council is refused, never dropped), day, time and "quiet".
 */
export function readChoice(
  // Read through the schemas above, whatever Slack's types say it holds.
  view: { private_metadata: string; state: { values: unknown } },
  authorities: AuthorityIndex,
): ReadChoice {
  let metadata: unknown;
  try {
    metadata = JSON.parse(view.private_metadata || "{}");
  } catch {
    metadata = null;
  }
  const state = ModalState.safeParse(metadata);
  const values = Values.safeParse(view.state.values);
  if (!state.success || !values.success) {
    return {
      ok: false,
      errors: { [DIGEST_INPUT.day]: "This form is out of date: close it and open it again." },
    };
  }
  const v = values.data;
  const errors: Record<string, string> = {};
  const channel = state.data.channel ?? v[DIGEST_INPUT.channel]?.[CHANNEL_ACTION].selected_conversation ?? "";
  if (!CHANNEL.test(channel)) errors[DIGEST_INPUT.channel] = "Pick the channel the digest is for.";
  const councils: string[] = [];
  for (const { value } of v[DIGEST_INPUT.councils]?.[COUNCILS_ACTION].selected_options ?? []) {
    const found = authorities.all.find((a) => a.name === value);
    if (!found) {
      // The option's value comes back from Slack: shown escaped, like any text that reaches it.
      errors[DIGEST_INPUT.councils] = escapeText(
        `I don't know a council called “${value.slice(0, 80)}”: pick it from the list.`,
      );
      continue;
    }
    if (!councils.includes(found.name)) councils.push(found.name);
  }
  const day = Number(v[DIGEST_INPUT.day][DAY_ACTION].selected_option?.value ?? Number.NaN);
  if (!Number.isInteger(day) || day < 0 || day > 6) errors[DIGEST_INPUT.day] = "Pick a day of the week.";
  const time = v[DIGEST_INPUT.time][TIME_ACTION].selected_time ?? "";
  if (!HH_MM.test(time)) errors[DIGEST_INPUT.time] = "Pick a time (24-hour, HH:MM).";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const quiet = (v[DIGEST_INPUT.quiet]?.[QUIET_ACTION].selected_options ?? []).some(
    (o) => o.value === QUIET_VALUE,
  );
  return {
    ok: true,
    from: state.data.from,
    picked: state.data.channel === undefined,
    choice: { channel, councils, day, time, quiet },
  };
}

export interface DigestSetupArgs {
  /** Bolt types a view's ack as a union (submissions take a response, closes do not); this one is a submission's. */
  ack: SlackViewMiddlewareArgs["ack"];
  body: { user: { id: string } };
  view: Pick<ViewOutput, "private_metadata" | "state">;
  client: ChatClient & ViewsClient & UsersClient;
  /** Bolt's, when the modal asked for a channel: posts ephemerally there, to the person who saved it. */
  respond?: (message: { response_type: "ephemeral"; text: string }) => Promise<unknown>;
}

/**
 * The set-up modal's "Start digest" / "Save changes": checked as the typed `digest on` is (the same permission,
 * the same store write), with any problem shown under the input it is about and nothing saved. Saved, the person
 * is told where they will see it: in the chosen channel (only to them), in the DM, or on App Home.
 */
export function digestSetup(deps: SlackDeps) {
  return async ({ ack: anyAck, body, view, client, respond }: DigestSetupArgs): Promise<void> => {
    const ack = anyAck as (response?: ViewResponseAction) => Promise<void>;
    const read = readChoice(view, deps.authorities);
    if (!read.ok) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    const { choice, from } = read;
    const user = body.user.id;
    const whereBlock = read.picked ? DIGEST_INPUT.channel : DIGEST_INPUT.day;
    let saved: Awaited<ReturnType<typeof saveSubscription>>;
    try {
      const allowed = await digestPermission(digestDeps(deps, client), { channel: choice.channel, user });
      if (!allowed.allowed) {
        await ack({
          response_action: "errors",
          errors: {
            [whereBlock]:
              allowed.reason === "unknown"
                ? "I couldn't check your workspace role with Slack just now: try again in a minute."
                : "Someone else set up this channel's digest: only they, workspace admins and owners, or someone in DIGEST_ADMINS can change it.",
          },
        });
        return;
      }
      saved = await saveSubscription(deps.storeFile, { ...choice, user, now: deps.now() });
    } catch (error) {
      deps.logger.error({ err: error, user, channel: choice.channel }, "digest set-up failed");
      await ack({
        response_action: "errors",
        errors: { [whereBlock]: "I couldn't save the digest just now: try again." },
      });
      return;
    }
    await ack();
    const invite = choice.channel.startsWith("D")
      ? ""
      : " I post only in channels I'm a member of: if I'm not in this one yet, /invite @ombuds.";
    const text = escapeText(`${saved.message}${invite}`);
    try {
      if (respond) await respond({ response_type: "ephemeral", text });
      else if (choice.channel.startsWith("D"))
        await client.chat.postMessage({ channel: choice.channel, text });
      if (from === "home") {
        await client.views.publish({ user_id: user, view: await deps.answerer.home(user) });
      }
    } catch (error) {
      // Saved all the same: the digest is in the store, and App Home or `/ombuds digest status` shows it.
      deps.logger.warn(
        { err: error, user, channel: choice.channel },
        "could not confirm a digest set up in the modal",
      );
    }
  };
}
