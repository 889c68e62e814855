import type { webApi } from '@slack/bolt';
import type { Keyv } from 'keyv';
import type { Logger } from '../log.js';

export interface ApproverDirectory {
  isApprover(userId: string): Promise<boolean>;
  /** Every approver by user id (the list and the group's members); empty when none is configured. */
  list(): Promise<string[]>;
  /** APPROVER_USERGROUP_ID, if any. */
  groupId?: string | undefined;
  /** For logs and help: who may approve. */
  describe(): string;
}

export interface ApproverDirectoryOptions {
  client: webApi.WebClient;
  userIds: readonly string[];
  usergroupId?: string | undefined;
  /** Caches the group's members (usergroups.users.list is Tier 2). */
  cache: Keyv<string[]>;
  cacheTtlMs?: number;
  logger: Logger;
}

/** Errors meaning "this workspace cannot answer for user groups": fall back to the list, warn once. */
const GROUPS_UNAVAILABLE = new Set([
  'plan_upgrade_required',
  'missing_scope',
  'no_such_subteam',
  'not_allowed_token_type',
]);

/**
 * Approvers are APPROVER_USER_IDS plus the members of APPROVER_USERGROUP_ID. With neither configured, any
 * member other than the requester may approve (a laptop trial): the log says so at start.
 */
export function createApproverDirectory(options: ApproverDirectoryOptions): ApproverDirectory {
  const { client, usergroupId, cache, logger } = options;
  const listed = new Set(options.userIds);
  const open = listed.size === 0 && !usergroupId;
  let groupWarning = false;
  if (open) {
    logger.warn(
      'No APPROVER_USER_IDS or APPROVER_USERGROUP_ID configured: anyone except the requester may approve. Set one of them for real four-eyes approval.',
    );
  }

  async function groupMembers(): Promise<string[]> {
    if (!usergroupId) return [];
    const cached = await cache.get(usergroupId);
    if (cached) return cached;
    try {
      const response = await client.usergroups.users.list({ usergroup: usergroupId });
      const members = response.users ?? [];
      await cache.set(usergroupId, members, options.cacheTtlMs ?? 5 * 60_000);
      return members;
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error;
      if (code && GROUPS_UNAVAILABLE.has(code)) {
        if (!groupWarning) {
          groupWarning = true;
          logger.warn(
            { usergroupId, error: code },
            'Cannot read the approver user group (free Slack plans have no user groups): only APPROVER_USER_IDS may approve.',
          );
        }
        return [];
      }
      throw error;
    }
  }

  return {
    groupId: usergroupId,
    async list() {
      return [...new Set([...listed, ...(await groupMembers())])];
    },
    async isApprover(userId) {
      if (open || listed.has(userId)) return true;
      return (await groupMembers()).includes(userId);
    },
    describe() {
      if (open) return 'anyone except the requester';
      const parts = [...listed].map((id) => `<@${id}>`);
      if (usergroupId) parts.push(`<!subteam^${usergroupId}>`);
      return parts.join(', ');
    },
  };
}
