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

    async list(): Promise<DigestSubscription[]> {
      const { rows } = await db.query('SELECT * FROM digest_subscriptions ORDER BY channel_id');
      return rows.map(toSubscription);
    },

    /** True for exactly one caller per channel and local date ('YYYY-MM-DD'). */
    async claimRun(channelId: string, localDate: string): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO digest_runs (channel_id, local_date) VALUES ($1, $2::date)
         ON CONFLICT (channel_id, local_date) DO NOTHING RETURNING 1 AS claimed`,
        [channelId, localDate],
      );
      return rows.length === 1;
    },

    async markPosted(channelId: string, localDate: string, messageTs: string): Promise<void> {
      await db.query(
        `UPDATE digest_runs SET posted_at = now(), message_ts = $3
         WHERE channel_id = $1 AND local_date = $2::date`,
        [channelId, localDate, messageTs],
      );
    },

    /** Gives a claimed but unposted run back (posting failed), so a later tick can try again. */
    async releaseRun(channelId: string, localDate: string): Promise<void> {
      await db.query(
        'DELETE FROM digest_runs WHERE channel_id = $1 AND local_date = $2::date AND posted_at IS NULL',
        [channelId, localDate],
      );
    },
  };
}

export type DigestRepo = ReturnType<typeof createDigestRepo>;
