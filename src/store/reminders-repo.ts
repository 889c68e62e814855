import type { Db } from './db.js';

/** A reminder already sent (or being sent): its step and target ('thread' or an approver's user id). */
export interface SentReminder {
  step: number;
  target: string;
}

export type NudgeClaim =
  | { status: 'claimed' }
  | { status: 'too_soon'; nextAt: Date }
  | { status: 'not_pending' };

/** Approval reminders and nudges: each claimed by one conditional write, so replicas never send one twice. */
export function createRemindersRepo(db: Db) {
  return {
    async listSent(requestIds: readonly string[]): Promise<Map<string, SentReminder[]>> {
      const sent = new Map<string, SentReminder[]>();
      if (requestIds.length === 0) return sent;
      const { rows } = await db.query<{ request_id: string; step: number; target: string }>(
        'SELECT request_id, step, target FROM approval_reminders WHERE request_id = ANY($1::text[])',
        [requestIds],
      );
      for (const row of rows) {
        const list = sent.get(row.request_id) ?? [];
        list.push({ step: row.step, target: row.target });
        sent.set(row.request_id, list);
      }
      return sent;
    },

    /**
     * True for exactly one caller per (request, step, target), and only while the request is still pending and
     * unexpired: a decided or expired request is never reminded.
     */
    async claim(requestId: string, step: number, target: string, now: Date): Promise<boolean> {
      const { rows } = await db.query(
        `INSERT INTO approval_reminders (request_id, step, target, sent_at)
         SELECT id, $2, $3, $4 FROM requests
         WHERE id = $1 AND status = 'pending_approval' AND (expires_at IS NULL OR expires_at > $4)
         ON CONFLICT (request_id, step, target) DO NOTHING
         RETURNING 1`,
        [requestId, step, target, now],
      );
      return rows.length === 1;
    },

    /** Gives a claim back (Slack refused the post): the next run tries again. */
    async release(requestId: string, step: number, target: string): Promise<void> {
      await db.query('DELETE FROM approval_reminders WHERE request_id = $1 AND step = $2 AND target = $3', [
        requestId,
        step,
        target,
      ]);
    },

    /** The Nudge button's rate limit: one conditional UPDATE, so of concurrent clicks one wins per interval. */
    async claimNudge(requestId: string, now: Date, intervalMs: number): Promise<NudgeClaim> {
      const { rows } = await db.query(
        `UPDATE requests SET nudged_at = $2
         WHERE id = $1 AND status = 'pending_approval' AND (expires_at IS NULL OR expires_at > $2)
           AND (nudged_at IS NULL OR nudged_at <= $3)
         RETURNING 1`,
        [requestId, now, new Date(now.getTime() - intervalMs)],
      );
      if (rows.length === 1) return { status: 'claimed' };
      const { rows: current } = await db.query<{
        status: string;
        nudged_at: Date | null;
        expires_at: Date | null;
      }>('SELECT status, nudged_at, expires_at FROM requests WHERE id = $1', [requestId]);
      const row = current[0];
      const pending =
        row?.status === 'pending_approval' && (!row.expires_at || row.expires_at.getTime() > now.getTime());
      if (!row || !pending || !row.nudged_at) return { status: 'not_pending' };
      return { status: 'too_soon', nextAt: new Date(row.nudged_at.getTime() + intervalMs) };
    },

    /** Gives back a Nudge claimed at `at` that reached nobody (every approver asleep): it may be used again. */
    async releaseNudge(requestId: string, at: Date): Promise<void> {
      await db.query('UPDATE requests SET nudged_at = NULL WHERE id = $1 AND nudged_at = $2', [
        requestId,
        at,
      ]);
    },
  };
}

export type RemindersRepo = ReturnType<typeof createRemindersRepo>;
