import type { webApi } from '@slack/bolt';
import { Keyv } from 'keyv';

/** People rarely move: an hour of caching keeps users.info (Tier 4) calls to a trickle. */
const TTL_MS = 60 * 60_000;

/** A user's IANA time zone from Slack (users.info `tz`), cached; undefined when Slack does not say. */
export function createUserTimeZones(client: webApi.WebClient, cache = new Keyv<string>()) {
  return async function timeZoneOf(userId: string): Promise<string | undefined> {
    const cached = await cache.get(userId);
    if (cached) return cached;
    const zone = (await client.users.info({ user: userId })).user?.tz ?? undefined;
    if (zone) await cache.set(userId, zone, TTL_MS);
    return zone;
  };
}
