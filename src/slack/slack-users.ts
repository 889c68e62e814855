import type { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { AccessUser } from '../requests/index.js';
import { createWarmCache } from './warm-cache.js';

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
  /** What Slack shows for them (display name, else real name): lists read by many name people without a ping. */
  name?: string | undefined;
}

export interface SlackUsersOptions {
  client: webApi.WebClient;
  /** Brief, so a deactivation or a guest conversion counts within a minute. */
  cacheTtlMs?: number;
  /** Told when a background reload fails (the person's facts then expire and the next click asks Slack). */
  logger?: Logger;
  now?: () => number;
}

export const SLACK_USER_TTL_MS = 60_000;

/**
 * users.info, kept in memory briefly (Tier 4, and every click asks). Calling it throws when Slack cannot
 * answer (the gate then refuses: fail closed); `known` answers from memory only, without waiting.
 */
export interface SlackUsers {
  (userId: string): Promise<SlackUserFacts>;
  known(userId: string): SlackUserFacts | undefined;
}

export function createSlackUsers(options: SlackUsersOptions): SlackUsers {
  const { client } = options;
  const now = options.now ?? Date.now;
  const ttlMs = options.cacheTtlMs ?? SLACK_USER_TTL_MS;
  const cache = createWarmCache<SlackUserFacts>({
    now,
    load: async (userId) => {
      const expiresAt = now() + ttlMs;
      return { value: await usersInfo(userId), expiresAt };
    },
    onReloadError: (userId, error) =>
      options.logger?.warn(
        { user: userId, err: { message: (error as Error).message } },
        'could not refresh what Slack says about a user',
      ),
  });

  async function usersInfo(userId: string): Promise<SlackUserFacts> {
    try {
      const { user } = await client.users.info({ user: userId });
      return {
        id: userId,
        deleted: user?.deleted === true,
        isBot: user?.is_bot === true,
        isGuest: user?.is_restricted === true || user?.is_ultra_restricted === true,
        teamId: user?.team_id,
        enterpriseId: user?.enterprise_user?.enterprise_id,
        isStranger: user?.is_stranger === true,
        timeZone: user?.tz || undefined,
        name: user?.profile?.display_name || user?.real_name || user?.name || undefined,
      };
    } catch (error) {
      // Slack does not know this user in our workspace: someone we cannot see, never one of ours.
      if ((error as { data?: { error?: string } }).data?.error !== 'user_not_found') throw error;
      return { id: userId, deleted: false, isBot: false, isGuest: false, isStranger: true };
    }
  }

  return Object.assign((userId: string) => cache.get(userId), { known: cache.known });
}
