import type { Subscription } from "../store/schema.ts";
import type { ModalClient } from "./clients.ts";
import type { SlackDeps } from "./dependencies.ts";
import { digestDeps, digestPermission, refusal, type UsersClient } from "./digest.ts";
import { type DigestModalState, digestModal, noticeModal } from "./render/digest-modal.ts";

export interface OpenDigestModal {
  triggerId: string;
  user: string;
  /** Where it was opened from: a command (in `channel`) or App Home. */
  from: DigestModalState["from"];
  /** The conversation whose digest it sets up: fixed for a DM's digest and for "Edit"; picked otherwise. */
  channel?: string;
  /** The conversation the channel picker starts on (where the command was typed). */
  initialChannel?: string;
}

/**
 * Open the digest's set-up modal, filled in with the digest as it is when there is one. Someone who may not change
 * that digest is told so instead (who set it up, who else may), before they fill anything in.
 */
export async function openDigestModal(
  deps: SlackDeps,
  client: ModalClient & UsersClient,
  request: OpenDigestModal,
): Promise<void> {
  const target = request.channel ?? request.initialChannel;
  // Asked of the answering thread, which holds the store: a Slack trigger lasts 3 seconds, too short to read a large
  // store here.
  if (target) await deps.answerer.refresh();
  const existing = target
    ? (await deps.answerer.subscriptions()).find((s) => s.channel === target)
    : undefined;
  if (target && existing) {
    const refused = await refusedInModal(deps, client, request.triggerId, target, request.user, existing);
    if (refused) return;
  }
  const byName = new Map(deps.authorities.all.map((a) => [a.name, a]));
  await client.views.open({
    trigger_id: request.triggerId,
    view: digestModal({
      state: { from: request.from, ...(request.channel ? { channel: request.channel } : {}) },
      ...(request.initialChannel ? { initialChannel: request.initialChannel } : {}),
      ...(existing
        ? {
            current: {
              councils: existing.councils.map((name) => ({
                name,
                shortName: byName.get(name)?.shortName ?? name,
              })),
              day: existing.day,
              time: existing.time,
              quiet: existing.quiet,
            },
          }
        : {}),
    }),
  });
}

/**
 * Whether `user` is refused a change to `channel`'s digest, and if so told in a modal who set it up and who else may
 * change it (App Home and the set-up modal have no conversation to reply in). `existing`, when the caller has just
 * read the subscription, saves reading the store again.
 */
export async function refusedInModal(
  deps: SlackDeps,
  client: ModalClient & UsersClient,
  triggerId: string,
  channel: string,
  user: string,
  existing?: Subscription,
): Promise<boolean> {
  const allowed = await digestPermission(
    digestDeps(deps, client),
    { channel, user },
    existing ? { subscription: existing } : undefined,
  );
  if (allowed.allowed) return false;
  await client.views.open({
    trigger_id: triggerId,
    view: noticeModal("Weekly digest", refusal(allowed.setUpBy, allowed.reason === "unknown")),
  });
  return true;
}
