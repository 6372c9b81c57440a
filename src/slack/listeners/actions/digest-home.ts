import type { BlockButtonAction, ButtonAction } from "@slack/bolt";
import { unsubscribe } from "../../../digest/subscribe.ts";
import type { ModalClient, ViewsClient } from "../../clients.ts";
import type { SlackDeps } from "../../dependencies.ts";
import type { UsersClient } from "../../digest.ts";
import { openDigestModal, refusedInModal } from "../../digest-modal.ts";
import { guarded } from "../../guarded.ts";
import { noticeModal } from "../../render/digest-modal.ts";

/** A conversation id, as the buttons carry it. */
const CHANNEL = /^[CGD][A-Z0-9]{2,}$/;

export interface DigestHomeArgs {
  ack: () => Promise<void>;
  body: Pick<BlockButtonAction, "user" | "trigger_id">;
  action: Pick<ButtonAction, "value">;
  client: ModalClient & ViewsClient & UsersClient;
}

/** App Home has no conversation to apologise in: a failure is said in a modal (and logged with its reference). */
const inModal = (client: ModalClient, triggerId: string) => (message: { text: string }) =>
  client.views.open({ trigger_id: triggerId, view: noticeModal("Something went wrong", message.text) });

/** "Set up a digest" on App Home: the set-up modal, with a channel to pick. */
export function addDigest(deps: SlackDeps) {
  return async ({ ack, body, client }: DigestHomeArgs): Promise<void> => {
    await ack();
    await guarded(
      deps,
      { listener: "home digest add", user: body.user.id },
      () => openDigestModal(deps, client, { triggerId: body.trigger_id, user: body.user.id, from: "home" }),
      inModal(client, body.trigger_id),
    );
  };
}

/** "Edit" on a digest's row: the set-up modal filled in with that digest (or who may change it, if not this user). */
export function editDigest(deps: SlackDeps) {
  return async ({ ack, body, action, client }: DigestHomeArgs): Promise<void> => {
    await ack();
    const channel = action.value ?? "";
    await guarded(
      deps,
      { listener: "home digest edit", user: body.user.id, channel },
      async () => {
        if (!CHANNEL.test(channel))
          throw new Error(`the Edit button carries no channel id: ${channel.slice(0, 40)}`);
        await openDigestModal(deps, client, {
          triggerId: body.trigger_id,
          user: body.user.id,
          from: "home",
          channel,
        });
      },
      inModal(client, body.trigger_id),
    );
  };
}

/**
 * "Stop" on a digest's row (after Slack's "Stop this digest?" confirmation): the digest goes, as with `digest off`
 * typed in its channel, for those who may change it; App Home is published again without it.
 */
export function stopDigest(deps: SlackDeps) {
  return async ({ ack, body, action, client }: DigestHomeArgs): Promise<void> => {
    await ack();
    const channel = action.value ?? "";
    const user = body.user.id;
    await guarded(
      deps,
      { listener: "home digest stop", user, channel },
      async () => {
        if (!CHANNEL.test(channel))
          throw new Error(`the Stop button carries no channel id: ${channel.slice(0, 40)}`);
        if (await refusedInModal(deps, client, body.trigger_id, channel, user)) return;
        await unsubscribe(deps.storeFile, channel);
        await client.views.publish({ user_id: user, view: await deps.answerer.home(user) });
      },
      inModal(client, body.trigger_id),
    );
  };
}
