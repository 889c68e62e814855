/**
 * Who may use Telegent Ops, pure (beside decideApproval). Runs before anything is read from Telegent or a
 * request is filed: the access gate (src/slack/access-gate.ts) gathers the facts, this decides and words
 * the refusal; whether an approver may decide a given request stays decideApproval's rule.
 */

/**
 * What a Slack request would do. `read`: numbers, usage, orders, status, history, search, digest.
 * `request`: file or prepare a request (its forms, pickers and buttons). `approve`: Approve / Reject (the
 * approver rule itself is decideApproval's). `home`: App Home and help, with nothing read from Telegent.
 */
export type AccessAction = 'read' | 'request' | 'approve' | 'home';

/** What running (or opening the form of) an operation lets a person do: its definition says whether it mutates. */
export function operationAccess(op: { mutates: boolean }): AccessAction {
  return op.mutates ? 'request' : 'read';
}

/** The person, from Slack's users.info, plus what the app's directories say about them. */
export interface AccessUser {
  id: string;
  deleted: boolean;
  isBot: boolean;
  /** is_restricted or is_ultra_restricted: a multi- or single-channel guest. */
  isGuest: boolean;
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** Slack could not show us the user in full: someone from another organisation in a shared channel. */
  isStranger: boolean;
  /** Listed or grouped approver (never true when no approvers are configured). */
  isApprover: boolean;
  inRequesterGroup: boolean;
  inReaderGroup: boolean;
}

/** Where a command was typed (buttons, forms and App Home have no channel rule). */
export interface AccessChannel {
  id: string;
  /** A direct message: always allowed. */
  direct: boolean;
}

export interface AccessPolicy {
  /** The app's own workspace and organisation (auth.test at start). */
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  teamName?: string | undefined;
  requesterUsergroupId?: string | undefined;
  requesterUserIds: readonly string[];
  readerUsergroupId?: string | undefined;
  /** Empty: the command works in any channel. */
  allowedChannelIds: readonly string[];
}

export type AccessRefusalReason =
  | 'deleted'
  | 'bot'
  | 'other_organisation'
  | 'guest'
  | 'channel'
  | 'not_requester'
  | 'not_reader';

export type AccessDecision =
  | { permit: true }
  | { permit: false; reason: AccessRefusalReason; sentence: string };

/** When Slack could not tell us who is asking: nothing is done (fail closed). */
export const ACCESS_CHECK_FAILED =
  'Telegent Ops could not check your Slack account just now, so it did nothing. Try again in a minute.';

const LISTED_NAMES_SHOWN = 5;

const group = (id: string) => `<!subteam^${id}>`;

function people(ids: readonly string[]): string {
  if (ids.length > LISTED_NAMES_SHOWN) return 'the people on the requester list';
  const mentions = ids.map((id) => `<@${id}>`);
  return mentions.length > 1 ? `${mentions.slice(0, -1).join(', ')} and ${mentions.at(-1)}` : mentions[0]!;
}

function fromOtherOrganisation(user: AccessUser, policy: AccessPolicy): boolean {
  if (user.isStranger) return true;
  if (policy.enterpriseId && user.enterpriseId === policy.enterpriseId) return false;
  return Boolean(policy.teamId) && user.teamId !== policy.teamId;
}

function requesterRefusal(policy: AccessPolicy): string {
  const groupId = policy.requesterUsergroupId;
  const listed = policy.requesterUserIds;
  if (groupId && listed.length > 0) {
    return `Only members of ${group(groupId)} and ${people(listed)} can file Telegent requests. Ask a workspace admin to add you to ${group(groupId)}, or ask one of them to file it for you.`;
  }
  if (groupId) {
    return `Only members of ${group(groupId)} can file Telegent requests. Ask a workspace admin to add you to ${group(groupId)}, or ask a member to file it for you.`;
  }
  return `Only ${people(listed)} can file Telegent requests. Ask one of them to file it for you, or ask a workspace admin to add you to the requester list.`;
}

/**
 * May `user` do `action` (typed in `channel`, for commands)? Guests, other organisations' users, deleted
 * users and bots never; then the channel list, then who may file requests and who may read. Approvers
 * may always read (they approve requests on any number) and always reach Approve / Reject.
 */
export function decideAccess(
  user: AccessUser,
  channel: AccessChannel | undefined,
  action: AccessAction,
  policy: AccessPolicy,
): AccessDecision {
  const team = policy.teamName ? `the ${policy.teamName} workspace` : 'this workspace';
  if (user.deleted) {
    return {
      permit: false,
      reason: 'deleted',
      sentence: 'This Slack account is deactivated, so it cannot use Telegent Ops.',
    };
  }
  if (user.isBot) {
    return {
      permit: false,
      reason: 'bot',
      sentence: 'Telegent Ops answers people, not apps or bots.',
    };
  }
  if (fromOtherOrganisation(user, policy)) {
    return {
      permit: false,
      reason: 'other_organisation',
      sentence: `Telegent Ops is only for members of ${team}: people from other organisations cannot use it, even in a shared channel. Ask your contact there to do it for you.`,
    };
  }
  if (user.isGuest) {
    return {
      permit: false,
      reason: 'guest',
      sentence: `Telegent Ops is for full members of ${team}: guest accounts cannot use it. Ask a full member of the team you work with to do it for you.`,
    };
  }
  const allowed = policy.allowedChannelIds;
  if (channel && !channel.direct && allowed.length > 0 && !allowed.includes(channel.id)) {
    const where = allowed
      .slice(0, LISTED_NAMES_SHOWN)
      .map((id) => `<#${id}>`)
      .join(', ');
    const more = allowed.length > LISTED_NAMES_SHOWN ? ' (and a few more)' : '';
    return {
      permit: false,
      reason: 'channel',
      sentence: `/telegent works only in ${where}${more} and in a direct message with the app. Run it there, or ask a workspace admin to allow this channel.`,
    };
  }

  const requestersNamed = Boolean(policy.requesterUsergroupId) || policy.requesterUserIds.length > 0;
  const isNamedRequester = user.inRequesterGroup || policy.requesterUserIds.includes(user.id);
  if (action === 'request' && requestersNamed && !isNamedRequester) {
    return { permit: false, reason: 'not_requester', sentence: requesterRefusal(policy) };
  }
  if (action === 'read' && policy.readerUsergroupId) {
    // Requesters named as such read what they ask about; approvers read what they approve.
    const reads = user.inReaderGroup || user.isApprover || (requestersNamed && isNamedRequester);
    if (!reads) {
      const readers = group(policy.readerUsergroupId);
      return {
        permit: false,
        reason: 'not_reader',
        sentence: `Only members of ${readers} can look up numbers, usage, orders and history in Telegent Ops. Ask a workspace admin to add you to ${readers}.`,
      };
    }
  }
  return { permit: true };
}
