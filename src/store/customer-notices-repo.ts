import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';

export type CustomerNoticeStatus = 'sending' | 'sent' | 'failed' | 'skipped' | 'unknown';

/** The text to a line about its request (migration 014): claimed, then its outcome recorded once. */
export interface CustomerNoticeRecord {
  requestId: string;
  line: string;
  status: CustomerNoticeStatus;
  messageId: string | null;
  /** Why it was not sent (skipped, failed) or why its outcome is unknown, in words. */
  detail: string | null;
  createdAt: Date;
  /** When the outcome was recorded (for 'sent': when the text went out). */
  decidedAt: Date | null;
  /** While 'sending': until when its sender holds it (after that the sender is taken for dead). */
  claimedUntil: Date | null;
}

/** What a sender records after its call: the outcome replaces a claim that is still its own. */
export type NoticeOutcome =
  | { status: 'sent'; messageId: string | null }
  | { status: 'failed' | 'unknown'; detail: string };

interface Row {
  request_id: string;
  line: string;
  status: CustomerNoticeStatus;
  message_id: string | null;
  detail: string | null;
  created_at: Date;
  decided_at: Date | null;
  claimed_until: Date | null;
}

const toRecord = (row: Row): CustomerNoticeRecord => ({
  requestId: row.request_id,
  line: row.line,
  status: row.status,
  messageId: row.message_id,
  detail: row.detail,
  createdAt: row.created_at,
  decidedAt: row.decided_at,
  claimedUntil: row.claimed_until,
});

export function createCustomerNoticesRepo(db: Db) {
  return {
    async get(requestId: string): Promise<CustomerNoticeRecord | null> {
      const { rows } = await db.query<Row>('SELECT * FROM customer_notices WHERE request_id = $1', [
        requestId,
      ]);
      return rows[0] ? toRecord(rows[0]) : null;
    },

    /**
     * The one claim of a request's text: a token for exactly one caller ever (the row's key), null for every
     * other. A claim is never taken over, even once expired: the first claimer may have sent the text.
     */
    async claim(requestId: string, line: string, now: Date, claimMs: number): Promise<string | null> {
      const token = randomUUID();
      const { rows } = await db.query(
        `INSERT INTO customer_notices (request_id, line, status, claim_token, claimed_until, created_at)
         VALUES ($1, $2, 'sending', $3, $4, $5)
         ON CONFLICT (request_id) DO NOTHING RETURNING 1`,
        [requestId, line, token, new Date(now.getTime() + claimMs), now],
      );
      return rows.length === 1 ? token : null;
    },

    /** Nothing to send (CUSTOMER_NOTICE_FROM unset): stored so the card says why, once. */
    async skip(requestId: string, line: string, detail: string, now: Date): Promise<void> {
      await db.query(
        `INSERT INTO customer_notices (request_id, line, status, detail, created_at, decided_at)
         VALUES ($1, $2, 'skipped', $3, $4, $4) ON CONFLICT (request_id) DO NOTHING`,
        [requestId, line, detail, now],
      );
    },

    /**
     * The claimer's outcome. It also replaces an 'unknown' the housekeeping wrote after the claim expired while
     * the call was still running: the claimer knows what happened, the housekeeping only guessed.
     */
    async record(requestId: string, token: string, outcome: NoticeOutcome, now: Date): Promise<boolean> {
      const { rows } = await db.query(
        `UPDATE customer_notices
         SET status = $3, message_id = $4, detail = $5, decided_at = $6, claimed_until = NULL
         WHERE request_id = $1 AND claim_token = $2 AND status IN ('sending', 'unknown')
         RETURNING 1`,
        [
          requestId,
          token,
          outcome.status,
          outcome.status === 'sent' ? outcome.messageId : null,
          outcome.status === 'sent' ? null : outcome.detail,
          now,
        ],
      );
      return rows.length === 1;
    },

    /**
     * Claims whose sender died between the call and its record (expired, no outcome) become 'unknown', never
     * sent again: the text may have gone out. Returns their requests (their cards say so).
     */
    async settleExpiredClaims(now: Date, detail: string): Promise<string[]> {
      const { rows } = await db.query<{ request_id: string }>(
        `UPDATE customer_notices SET status = 'unknown', detail = $2, decided_at = $1
         WHERE status = 'sending' AND claimed_until <= $1
         RETURNING request_id`,
        [now, detail],
      );
      return rows.map((row) => row.request_id);
    },
  };
}

export type CustomerNoticesRepo = ReturnType<typeof createCustomerNoticesRepo>;
