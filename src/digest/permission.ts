import type { Subscription } from "../store/schema.ts";

/**
 * Who may change a conversation's weekly digest (`on` over an existing one, `off`, `now`): the person who set it up,
 * anyone in `DIGEST_ADMINS`, and the workspace's admins and owners. Anyone may start a digest where there is none,
 * and `status` and `preview` change nothing, so they are never asked about. A DM's digest is its user's own: only
 * they can type in their DM with the bot, and they set it up. Pure: the Slack side looks up the admin flags.
 */

/** The user's workspace role, as Slack's `users.info` says it. */
export interface AdminFlags {
  admin: boolean;
  owner: boolean;
  primaryOwner: boolean;
}

export type DigestPermission =
  | { allowed: true; as: "anyone" | "creator" | "digest admin" | "workspace admin" }
  | {
      allowed: false;
      /** Who set the digest up: the person to ask. */
      setUpBy: string;
      /**
       * `unchecked`: the workspace role was not looked up (look it up, then ask again); `unknown`: the look-up
       * failed, so the change is refused rather than allowed; `not allowed`: the user is none of the above.
       */
      reason: "unchecked" | "unknown" | "not allowed";
    };

export interface PermissionQuestion {
  /** The conversation's digest; none when there is none yet. */
  subscription: Pick<Subscription, "createdBy"> | undefined;
  user: string;
  /** `DIGEST_ADMINS`: user ids that may change any digest. */
  digestAdmins: readonly string[];
  /** The user's workspace role: undefined when not looked up, null when the look-up failed. */
  flags: AdminFlags | null | undefined;
}

export function mayChangeDigest(question: PermissionQuestion): DigestPermission {
  const { subscription, user, digestAdmins, flags } = question;
  if (!subscription) return { allowed: true, as: "anyone" };
  if (subscription.createdBy === user) return { allowed: true, as: "creator" };
  if (digestAdmins.includes(user)) return { allowed: true, as: "digest admin" };
  if (flags && isWorkspaceAdmin(flags)) return { allowed: true, as: "workspace admin" };
  const reason = flags === undefined ? "unchecked" : flags === null ? "unknown" : "not allowed";
  return { allowed: false, setUpBy: subscription.createdBy, reason };
}

export function isWorkspaceAdmin(flags: AdminFlags): boolean {
  return flags.admin || flags.owner || flags.primaryOwner;
}
