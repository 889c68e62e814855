import type { Db } from './db.js';
import { camelRow } from './rows.js';

export interface ChannelAccount {
  channelId: string;
  accountId: string;
  accountName: string | null;
  boundBy: string;
  boundAt: Date;
}

const toBinding = (row: Record<string, unknown>) => camelRow<ChannelAccount>(row);

/** Which Telegent account (AID-…) a channel's requests are filed under (distributors). */
export function createChannelAccountsRepo(db: Db) {
  return {
    async get(channelId: string): Promise<ChannelAccount | null> {
      const { rows } = await db.query('SELECT * FROM channel_accounts WHERE channel_id = $1', [channelId]);
      return rows[0] ? toBinding(rows[0]) : null;
    },

    /** Creates or replaces the channel's binding. */
    async bind(binding: {
      channelId: string;
      accountId: string;
      accountName: string | null;
      boundBy: string;
    }): Promise<ChannelAccount> {
      const { rows } = await db.query(
        `INSERT INTO channel_accounts (channel_id, account_id, account_name, bound_by)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (channel_id) DO UPDATE
           SET account_id = EXCLUDED.account_id, account_name = EXCLUDED.account_name,
               bound_by = EXCLUDED.bound_by, bound_at = now()
         RETURNING *`,
        [binding.channelId, binding.accountId, binding.accountName, binding.boundBy],
      );
      return toBinding(rows[0]!);
    },

    /** True when there was a binding to remove. */
    async unbind(channelId: string): Promise<boolean> {
      const { rowCount } = await db.query('DELETE FROM channel_accounts WHERE channel_id = $1', [channelId]);
      return (rowCount ?? 0) > 0;
    },
  };
}

export type ChannelAccountsRepo = ReturnType<typeof createChannelAccountsRepo>;
