import type { webApi } from '@slack/bolt';
import type { Keyv } from 'keyv';
import type { Logger } from '../log.js';
import { createWarmCache } from './warm-cache.js';

/** Errors meaning "this workspace cannot answer for user groups" (free plans, scopes, a deleted group). */
const GROUPS_UNAVAILABLE = new Set([
  'plan_upgrade_required',
  'missing_scope',
  'no_such_subteam',
  'not_allowed_token_type',
]);

export const USERGROUP_TTL_MS = 5 * 60_000;

export interface UsergroupMembersOptions {
  client: webApi.WebClient;
  /**
   * One TTL cache for every group the app asks about (approvers, requesters, readers); keyed by group id.
   * On Postgres, replicas share it (usergroups.users.list is Tier 2); each replica keeps a copy in memory
   * until the shared entry expires.
   */
  cache: Keyv<string[]>;
  cacheTtlMs?: number;
  /** Told once per group when the workspace cannot answer for it. */
  logger: Logger;
  now?: () => number;
}

/**
 * The members of a Slack user group, cached. `null` when the workspace cannot answer for user groups
 * (logged once per group; nobody counts as its member); other failures throw. `known` answers from memory
 * only, without waiting (undefined: not in memory).
 */
export interface UsergroupMembers {
  (usergroupId: string): Promise<string[] | null>;
  known(usergroupId: string): string[] | null | undefined;
}

export function createUsergroupMembers(options: UsergroupMembersOptions): UsergroupMembers {
  const { client, cache } = options;
  const now = options.now ?? Date.now;
  const ttlMs = options.cacheTtlMs ?? USERGROUP_TTL_MS;
  const warned = new Set<string>();

  async function fromSlack(usergroupId: string): Promise<string[] | null> {
    try {
      const response = await client.usergroups.users.list({ usergroup: usergroupId });
      const members = response.users ?? [];
      await cache.set(usergroupId, members, ttlMs);
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
  }

  const memory = createWarmCache<string[] | null>({
    now,
    load: async (usergroupId) => {
      // Another replica's answer, while it has at least half its life left; else Slack's (shared from now).
      const shared = await cache.getRaw<string[]>(usergroupId);
      if (shared?.value && typeof shared.expires === 'number' && shared.expires - now() >= ttlMs / 2) {
        return { value: shared.value, expiresAt: shared.expires };
      }
      const expiresAt = now() + ttlMs;
      return { value: await fromSlack(usergroupId), expiresAt };
    },
    onReloadError: (usergroupId, error) =>
      options.logger.warn(
        { usergroupId, err: { message: (error as Error).message } },
        'could not refresh a user group',
      ),
  });

  return Object.assign((usergroupId: string) => memory.get(usergroupId), { known: memory.known });
}
