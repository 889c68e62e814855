import type { webApi } from '@slack/bolt';
import type { Keyv } from 'keyv';
import type { Logger } from '../log.js';

/** Errors meaning "this workspace cannot answer for user groups" (free plans, scopes, a deleted group). */
const GROUPS_UNAVAILABLE = new Set([
  'plan_upgrade_required',
  'missing_scope',
  'no_such_subteam',
  'not_allowed_token_type',
]);

export interface UsergroupMembersOptions {
  client: webApi.WebClient;
  /** One TTL cache for every group the app asks about (approvers, requesters, readers); keyed by group id. */
  cache: Keyv<string[]>;
  cacheTtlMs?: number;
  /** Told once per group when the workspace cannot answer for it. */
  logger: Logger;
}

/**
 * The members of a Slack user group, cached (usergroups.users.list is Tier 2). `null` when the workspace
 * cannot answer for user groups (logged once per group; nobody counts as its member); other failures throw.
 */
export type UsergroupMembers = (usergroupId: string) => Promise<string[] | null>;

export function createUsergroupMembers(options: UsergroupMembersOptions): UsergroupMembers {
  const { client, cache } = options;
  const warned = new Set<string>();
  return async (usergroupId) => {
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
        if (!warned.has(usergroupId)) {
          warned.add(usergroupId);
          options.logger.warn(
            { usergroupId, error: code },
            'Cannot read this Slack user group (free plans have no user groups): nobody counts as its member; list people by id instead.',
          );
        }
        return null;
      }
      throw error;
    }
  };
}
