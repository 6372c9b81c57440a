import type { Logger } from "../../../log.ts";
import type { FilesClient } from "../../chart.ts";
import type { ChatClient, ModalClient } from "../../clients.ts";
import type { SlackDeps } from "../../dependencies.ts";
import {
  type DigestSurface,
  digestDeps,
  digestVerb,
  digestWords,
  postDigest,
  type UsersClient,
} from "../../digest.ts";
import { openDigestModal } from "../../digest-modal.ts";
import { guarded } from "../../guarded.ts";
import type { CommandArgs } from "./ombuds.ts";

/**
 * The client posts `now`'s digest, reads the user's workspace role (who may change the digest) and opens the
 * set-up modal.
 */
export type DigestCommandArgs = CommandArgs & {
  client: ChatClient & UsersClient & ModalClient & Partial<FilesClient>;
};

/**
 * `/ombuds digest …`: the channel's weekly digest, managed as in a mention or a DM. Any other `/ombuds` text is a
 * question, left to the ombuds command's listener, which alone acknowledges it.
 */
export function digestCommand(deps: SlackDeps) {
  return async ({ command, ack, respond, client }: DigestCommandArgs): Promise<void> => {
    const words = digestWords(command.text ?? "");
    if (words === null) return;
    await ack();
    const where = {
      listener: "command",
      command: "digest",
      user: command.user_id,
      channel: command.channel_id,
    };
    const apologise = (message: { text: string }) => respond({ response_type: "ephemeral", ...message });
    const triggerId = command.trigger_id;
    if (words.length === 0 && triggerId) {
      // Nothing after "digest": the set-up modal, for this channel (a DM's digest is the DM's own).
      const inDm = command.channel_id.startsWith("D");
      await guarded(
        deps,
        where,
        () =>
          openDigestModal(deps, client, {
            triggerId,
            user: command.user_id,
            from: "command",
            ...(inDm ? { channel: command.channel_id } : { initialChannel: command.channel_id }),
          }),
        apologise,
      );
      return;
    }
    await guarded(
      deps,
      where,
      () =>
        digestVerb(
          digestDeps(deps, client),
          { words, channel: command.channel_id, user: command.user_id },
          slashSurface(client, command.channel_id, respond, deps.logger),
        ),
      apologise,
    );
  };
}

/** Replies are ephemeral, so only the person who typed the command sees them; `now` posts in its channel. */
export function slashSurface(
  client: ChatClient & Partial<FilesClient>,
  channel: string,
  respond: CommandArgs["respond"],
  logger?: Pick<Logger, "warn">,
): DigestSurface {
  return {
    typed: "/ombuds digest",
    reply: (message) => respond({ response_type: "ephemeral", ...message }),
    post: (digest) => postDigest(client, channel, digest, logger),
  };
}
