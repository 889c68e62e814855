import type { webApi } from '@slack/bolt';
import type { Keyv } from 'keyv';
import type { AccessUser } from '../requests/index.js';

/**
 * What the app needs to know about a Slack user (users.info): the access decision's facts about the person
 * (the directories add the rest), and their time zone.
 */
export interface SlackUserFacts
  extends Pick<
    AccessUser,
    'id' | 'deleted' | 'isBot' | 'isGuest' | 'teamId' | 'enterpriseId' | 'isStranger'
  > {
  /** IANA time zone (users.info `tz`), when Slack says: approval reminders wait for the approver's morning. */
  timeZone?: string | undefined;
}

export interface SlackUsersOptions {
  client: webApi.WebClient;
  /** A TTL cache like the user groups' (users.info is Tier 4, and every click asks). */
  cache: Keyv<SlackUserFacts>;
  /** Brief, so a deactivation or a guest conversion counts within a minute. */
  cacheTtlMs?: number;
}

export const SLACK_USER_TTL_MS = 60_000;

/** users.info, cached briefly. Throws when Slack cannot answer (the gate then refuses: fail closed). */
export type SlackUsers = (userId: string) => Promise<SlackUserFacts>;

export function createSlackUsers(options: SlackUsersOptions): SlackUsers {
  const { client, cache } = options;
  return async (userId) => {
    const cached = await cache.get(userId);
    if (cached) return cached;
    let facts: SlackUserFacts;
    try {
      const { user } = await client.users.info({ user: userId });
      facts = {
        id: userId,
        deleted: user?.deleted === true,
        isBot: user?.is_bot === true,
        isGuest: user?.is_restricted === true || user?.is_ultra_restricted === true,
        teamId: user?.team_id,
        enterpriseId: user?.enterprise_user?.enterprise_id,
        isStranger: user?.is_stranger === true,
        timeZone: user?.tz || undefined,
      };
    } catch (error) {
      // Slack does not know this user in our workspace: someone we cannot see, never one of ours.
      if ((error as { data?: { error?: string } }).data?.error !== 'user_not_found') throw error;
      facts = { id: userId, deleted: false, isBot: false, isGuest: false, isStranger: true };
    }
    await cache.set(userId, facts, options.cacheTtlMs ?? SLACK_USER_TTL_MS);
    return facts;
  };
}
