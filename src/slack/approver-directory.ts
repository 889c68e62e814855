import type { Logger } from '../log.js';
import type { UsergroupMembers } from './usergroup-members.js';

export interface ApproverDirectory {
  isApprover(userId: string): Promise<boolean>;
  /** isApprover from memory only, without waiting (undefined: the group's members are not in memory). */
  knownApprover(userId: string): boolean | undefined;
  /** Every approver by user id (the list and the group's members); empty when none is configured. */
  list(): Promise<string[]>;
  /** APPROVER_USERGROUP_ID, if any. */
  groupId?: string | undefined;
  /** No approvers configured: anyone but the requester may approve (isApprover is true for everyone). */
  readonly open: boolean;
  /** For logs and help: who may approve. */
  describe(): string;
}

export interface ApproverDirectoryOptions {
  userIds: readonly string[];
  usergroupId?: string | undefined;
  /** The group's members, cached (shared with the access gate's groups). */
  usergroupMembers: UsergroupMembers;
  logger: Logger;
}

/**
 * Approvers are APPROVER_USER_IDS plus the members of APPROVER_USERGROUP_ID. With neither configured, any
 * member other than the requester may approve (a laptop trial): the log says so at start.
 */
export function createApproverDirectory(options: ApproverDirectoryOptions): ApproverDirectory {
  const { usergroupId, logger } = options;
  const listed = new Set(options.userIds);
  const open = listed.size === 0 && !usergroupId;
  if (open) {
    logger.warn(
      'No APPROVER_USER_IDS or APPROVER_USERGROUP_ID configured: anyone except the requester may approve. Set one of them for real four-eyes approval.',
    );
  }

  async function groupMembers(): Promise<string[]> {
    // A group Slack cannot read (free plans; logged once by usergroupMembers): only APPROVER_USER_IDS approve.
    return usergroupId ? ((await options.usergroupMembers(usergroupId)) ?? []) : [];
  }

  return {
    groupId: usergroupId,
    async list() {
      return [...new Set([...listed, ...(await groupMembers())])];
    },
    open,
    async isApprover(userId) {
      if (open || listed.has(userId)) return true;
      return (await groupMembers()).includes(userId);
    },
    knownApprover(userId) {
      if (open || listed.has(userId)) return true;
      if (!usergroupId) return false;
      const members = options.usergroupMembers.known(usergroupId);
      return members === undefined ? undefined : (members ?? []).includes(userId);
    },
    describe() {
      if (open) return 'anyone except the requester';
      const parts = [...listed].map((id) => `<@${id}>`);
      if (usergroupId) parts.push(`<!subteam^${usergroupId}>`);
      return parts.join(', ');
    },
  };
}
