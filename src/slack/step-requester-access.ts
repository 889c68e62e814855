import {
  ACCESS_CHECK_FAILED,
  type AccessPolicy,
  type AccessRefusalReason,
  decideAccess,
} from '../requests/access-decision.js';
import type { SlackUsers } from './slack-users.js';
import type { UsergroupMembers } from './usergroup-members.js';

export interface StepRequesterDeps {
  users: SlackUsers;
  usergroupMembers: UsergroupMembers;
}

export type StepRequesterRefusal = { reason: AccessRefusalReason | 'check_failed'; sentence: string };

/**
 * Whether the person a request step acts for (its `requester` input) may file the request, by the slash
 * command's own rule (decideAccess, action `request`, the step's channel as where it was asked): a deactivated
 * account, a bot, a guest, someone from another organisation, a channel outside ALLOWED_CHANNEL_IDS, or someone
 * outside the requester group or list is refused, with the gate's sentence. Slack not answering refuses (fail
 * closed), as the gate does.
 */
export async function stepRequesterRefusal(
  deps: StepRequesterDeps,
  policy: AccessPolicy,
  userId: string,
  channelId: string,
): Promise<StepRequesterRefusal | null> {
  try {
    const groupId = policy.requesterUsergroupId;
    const [facts, inRequesterGroup] = await Promise.all([
      deps.users(userId),
      groupId ? deps.usergroupMembers(groupId).then((m) => m?.includes(userId) ?? false) : false,
    ]);
    const decision = decideAccess(
      // Reading and approving are not asked here: only filing a request.
      { ...facts, isApprover: false, inRequesterGroup, inReaderGroup: false },
      { id: channelId, direct: channelId.startsWith('D') },
      'request',
      policy,
    );
    return decision.permit ? null : { reason: decision.reason, sentence: decision.sentence };
  } catch {
    return { reason: 'check_failed', sentence: ACCESS_CHECK_FAILED };
  }
}
