import type { Db } from './db.js';
import { camelRow } from './rows.js';

export interface DigestSubscription {
  channelId: string;
  /** 'HH:MM' */
  localTime: string;
  /** IANA time zone */
  timeZone: string;
  createdBy: string;
  createdAt: Date;
}

const toSubscription = (row: Record<string, unknown>) => camelRow<DigestSubscription>(row);

export function createDigestRepo(db: Db) {
  return {
    /** Creates or replaces the channel's subscription. */
    async subscribe(sub: {
      channelId: string;
      localTime: string;
      timeZone: string;
      createdBy: string;
    }): Promise<DigestSubscription> {
      const { rows } = await db.query(
        `INSERT INTO digest_subscriptions (channel_id, local_time, time_zone, created_by)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (channel_id) DO UPDATE
           SET local_time = EXCLUDED.local_time, time_zone = EXCLUDED.time_zone, created_by = EXCLUDED.created_by
         RETURNING *`,
        [sub.channelId, sub.localTime, sub.timeZone, sub.createdBy],
      );
      return toSubscription(rows[0]!);
    },

    /** True when there was a subscription to remove. */
    async unsubscribe(channelId: string): Promise<boolean> {
      const { rowCount } = await db.query('DELETE FROM digest_subscriptions WHERE channel_id = $1', [
        channelId,
      ]);
      return rowCount > 0;
    },

    async get(channelId: string): Promise<DigestSubscription | null> {
      const { rows } = await db.query('SELECT * FROM digest_subscriptions WHERE channel_id = $1', [
        channelId,
      ]);
      return rows[0] ? toSubscription(rows[0]) : null;
    },

    /** A channel's time zone: its digest's, else `fallback` (DIGEST_DEFAULT_TZ). */
    async timeZoneOf(channelId: string, fallback: string): Promise<string> {
      return (await this.get(channelId))?.timeZone ?? fallback;
    },

    async list(): Promise<DigestSubscription[]> {
      const { rows } = await db.query('SELECT * FROM digest_subscriptions ORDER BY channel_id');
      return rows.map(toSubscription);
    },

    /**
     * Claims the run of a channel and local date ('YYYY-MM-DD') for one caller: the first, or one taking over
     * a run whose poster has held it unposted for `leaseSeconds` (it died, maybe after Slack took the post).
     * Returns how many times the run was claimed (above 1: look for the digest in Slack first), or null when
     * it is posted or another caller holds it.
     */
    async claimRun(
      channelId: string,
      localDate: string,
      options: { now?: Date; leaseSeconds?: number } = {},
    ): Promise<number | null> {
      const { rows } = await db.query<{ claims: number }>(
        `INSERT INTO digest_runs (channel_id, local_date, claimed_at) VALUES ($1, $2::date, $3)
         ON CONFLICT (channel_id, local_date) DO UPDATE SET claimed_at = $3, claims = digest_runs.claims + 1
           WHERE digest_runs.posted_at IS NULL
             AND digest_runs.claimed_at <= $3::timestamptz - make_interval(secs => $4)
         RETURNING claims`,
        [channelId, localDate, options.now ?? new Date(), options.leaseSeconds ?? 600],
      );
      return rows[0] ? Number(rows[0].claims) : null;
    },

    /** Done: `messageTs` is the digest's message, or null when Slack refused it for good (not retried). */
    async markPosted(channelId: string, localDate: string, messageTs: string | null): Promise<void> {
      await db.query(
        `UPDATE digest_runs SET posted_at = now(), message_ts = $3
         WHERE channel_id = $1 AND local_date = $2::date`,
        [channelId, localDate, messageTs],
      );
    },

    /**
     * Gives a claimed but unposted run back (posting failed), so a later tick can take it over at once. The
     * row stays: the next claim counts as a second one and looks for the digest first, since a failure that
     * was not Slack's refusal (a timeout, a 500) may still have posted it.
     */
    async releaseRun(channelId: string, localDate: string): Promise<void> {
      await db.query(
        `UPDATE digest_runs SET claimed_at = '-infinity'
         WHERE channel_id = $1 AND local_date = $2::date AND posted_at IS NULL`,
        [channelId, localDate],
      );
    },
  };
}

export type DigestRepo = ReturnType<typeof createDigestRepo>;
