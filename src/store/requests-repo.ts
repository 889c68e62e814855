import { randomUUID } from 'node:crypto';
import type { OperationKind } from '../operations/registry.js';
import type { Db } from './db.js';
import { fromStatesFor, OPEN_REQUEST_STATUSES, type RequestStatus } from './request-lifecycle.js';
import { camelRow, json } from './rows.js';
import type { SecretsCipher } from './secrets-cipher.js';

export interface RequestRecord {
  id: string;
  kind: OperationKind;
  status: RequestStatus;
  /** Redacted input: safe to show and log. */
  input: Record<string, unknown>;
  /** Whether encrypted secrets are still stored (read them with `getSecrets`). */
  hasSecrets: boolean;
  accountId: string | null;
  requestedBy: string;
  channelId: string;
  cardChannelId: string | null;
  cardTs: string | null;
  /** The request's one message in the requester's channel (`channelId`), once posted. */
  storyTs: string | null;
  approver: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  result: unknown;
  error: string | null;
  expiresAt: Date | null;
  idempotencyKey: string | null;
  /** Distinct approvers this request needs (APPROVALS_NEEDED when it was filed; 1 for most). */
  approvalsNeeded: number;
  /** Who approved it so far, in the order they did. */
  approvedBy: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface NewRequest {
  /** Defaults to a random `req_…` id. */
  id?: string;
  kind: OperationKind;
  /** Operations that need no approval start at 'approved'. */
  status?: 'pending_approval' | 'approved';
  input: Record<string, unknown>;
  /** Plain secrets; stored encrypted, never returned by reads other than `getSecrets`. */
  secrets?: Record<string, unknown> | null;
  accountId?: string | null;
  requestedBy: string;
  channelId: string;
  expiresAt?: Date | null;
  idempotencyKey?: string | null;
  /** Distinct approvers needed (default 1). */
  approvalsNeeded?: number;
  /** created_at / updated_at (the app's clock: the recovery of unclaimed approvals reads updated_at). */
  now?: Date;
}

export interface DecideOptions {
  /** The race guard also refuses the requester unless self-approval is allowed (the rule is decideApproval's). */
  allowSelfApproval?: boolean;
  now?: Date;
  reason?: string | null;
}

const COLUMNS = `id, kind, status, input, secrets IS NOT NULL AS has_secrets, account_id, requested_by, channel_id,
  card_channel_id, card_ts, story_ts, approver, decided_at, decision_reason, result, error, expires_at, idempotency_key,
  approvals_needed,
  ARRAY(SELECT a.approver_id FROM request_approvals a WHERE a.request_id = requests.id
        ORDER BY a.at, a.approver_id) AS approved_by,
  created_at, updated_at`;

/** What one Approve click did to the stored request (see `recordApproval`). */
export type ApprovalWrite =
  /** The Nth distinct approval: the request is now `approved` (exactly one caller sees this). */
  | { status: 'approved'; request: RequestRecord }
  /** Counted; more approvers are needed. */
  | { status: 'recorded'; request: RequestRecord }
  /** This approver had already approved it: nothing changed. */
  | { status: 'duplicate'; request: RequestRecord }
  /** Not pending (decided, expired, withdrawn), missing, or the requester's own at that instant. */
  | { status: 'lost' };

const toRecord = (row: Record<string, unknown>) => camelRow<RequestRecord>(row);

/**
 * The `status = ANY(…)` of a write that moves a request to `to`: the states the lifecycle table allows it from
 * (`fromStatesFor`), narrowed to `only` the ones this write starts from — the race guard (abandoning a stale
 * approval must not fail a request that someone claimed meanwhile). Never wider than the table: a move it
 * forbids matches no row.
 */
function sources(to: RequestStatus, only?: readonly RequestStatus[]): RequestStatus[] {
  return fromStatesFor(to).filter((from) => !only || only.includes(from));
}

/** Where an execution's outcome is recorded from: the claim (`executing`), or a reconciliation (`unknown`). */
const RAN: readonly RequestStatus[] = ['executing', 'unknown'];

export function createRequestsRepo(db: Db, cipher: SecretsCipher) {
  async function one(sql: string, params: unknown[]): Promise<RequestRecord | null> {
    const { rows } = await db.query(sql, params);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async function get(id: string): Promise<RequestRecord | null> {
    return one(`SELECT ${COLUMNS} FROM requests WHERE id = $1`, [id]);
  }

  /**
   * The race guard of a rejection: ONE conditional UPDATE, so of any number of concurrent deciders exactly one
   * wins (an approval counts approvers instead: `recordApproval`). Null when the row was not pending (or
   * expired, or the requester's own) at that instant; the caller explains it with decideApproval on the row as
   * it is now. A rejected request's secrets are no longer needed.
   */
  async function reject(
    id: string,
    decider: string,
    options: DecideOptions = {},
  ): Promise<RequestRecord | null> {
    return one(
      `UPDATE requests SET status = 'rejected', approver = $2, decided_at = $3, decision_reason = $5,
         updated_at = $3, secrets = NULL
       WHERE id = $1 AND status = ANY($6::text[]) AND (requested_by <> $2 OR $4::boolean)
         AND (expires_at IS NULL OR expires_at > $3)
       RETURNING ${COLUMNS}`,
      [
        id,
        decider,
        options.now ?? new Date(),
        options.allowSelfApproval ?? false,
        options.reason ?? null,
        sources('rejected'),
      ],
    );
  }

  /**
   * One approval, counted toward the request's `approvals_needed`, in one transaction that first locks the
   * request row (only while it is pending, unexpired and not the approver's own): concurrent approvers of
   * one request queue on that lock, so each counts the approvals committed before it, and of any number of
   * concurrent clicks exactly one makes the Nth approval and turns the request `approved`.
   */
  async function recordApproval(
    id: string,
    approver: string,
    options: DecideOptions = {},
  ): Promise<ApprovalWrite> {
    const now = options.now ?? new Date();
    return db.transaction(async (tx) => {
      const { rows: locked } = await tx.query<{ approvals_needed: number }>(
        `SELECT approvals_needed FROM requests
         WHERE id = $1 AND status = ANY($5::text[]) AND (requested_by <> $2 OR $4::boolean)
           AND (expires_at IS NULL OR expires_at > $3)
         FOR UPDATE`,
        [id, approver, now, options.allowSelfApproval ?? false, sources('approved')],
      );
      const needed = locked[0]?.approvals_needed;
      if (needed === undefined) return { status: 'lost' };
      const inserted = await tx.query(
        `INSERT INTO request_approvals (request_id, approver_id, at) VALUES ($1, $2, $3)
         ON CONFLICT (request_id, approver_id) DO NOTHING RETURNING 1`,
        [id, approver, now],
      );
      const current = async () => {
        const { rows } = await tx.query(`SELECT ${COLUMNS} FROM requests WHERE id = $1`, [id]);
        return toRecord(rows[0] as Record<string, unknown>);
      };
      if (inserted.rowCount === 0) return { status: 'duplicate', request: await current() };
      const { rows: counted } = await tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM request_approvals WHERE request_id = $1',
        [id],
      );
      if ((counted[0]?.n ?? 0) < needed) {
        await tx.query('UPDATE requests SET updated_at = $2 WHERE id = $1', [id, now]);
        return { status: 'recorded', request: await current() };
      }
      const { rows } = await tx.query(
        `UPDATE requests SET status = 'approved', approver = $2, decided_at = $3, updated_at = $3
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, approver, now],
      );
      return { status: 'approved', request: toRecord(rows[0] as Record<string, unknown>) };
    });
  }

  return {
    get,

    /** Inserts; on an idempotency_key already used returns that request with `created: false`. */
    async insert(input: NewRequest): Promise<{ request: RequestRecord; created: boolean }> {
      const id = input.id ?? `req_${randomUUID().replaceAll('-', '')}`;
      const secrets = input.secrets ? cipher.encrypt(input.secrets) : null;
      const created = await one(
        `INSERT INTO requests (id, kind, status, input, secrets, account_id, requested_by, channel_id,
           expires_at, idempotency_key, created_at, updated_at, approvals_needed)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $11, $12)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING ${COLUMNS}`,
        [
          id,
          input.kind,
          input.status ?? 'pending_approval',
          json(input.input),
          secrets,
          input.accountId ?? null,
          input.requestedBy,
          input.channelId,
          input.expiresAt ?? null,
          input.idempotencyKey ?? null,
          input.now ?? new Date(),
          input.approvalsNeeded ?? 1,
        ],
      );
      if (created) return { request: created, created: true };
      const existing = await one(`SELECT ${COLUMNS} FROM requests WHERE idempotency_key = $1`, [
        input.idempotencyKey,
      ]);
      if (!existing)
        throw new Error(`Request insert for ${input.idempotencyKey} conflicted but found no row.`);
      return { request: existing, created: false };
    },

    /** Decrypted secrets, or null once purged. */
    async getSecrets<T = Record<string, unknown>>(id: string): Promise<T | null> {
      const { rows } = await db.query<{ secrets: string | null }>(
        'SELECT secrets FROM requests WHERE id = $1',
        [id],
      );
      const text = rows[0]?.secrets;
      return text ? cipher.decrypt<T>(text) : null;
    },

    recordApproval,

    reject,

    /** The requester withdraws a pending request. Null when it is no longer pending (or not theirs). */
    async cancel(id: string, requestedBy: string, now: Date = new Date()): Promise<RequestRecord | null> {
      return one(
        `UPDATE requests SET status = 'cancelled', secrets = NULL, decided_at = $3, updated_at = $3
         WHERE id = $1 AND status = ANY($4::text[]) AND requested_by = $2 RETURNING ${COLUMNS}`,
        [id, requestedBy, now, sources('cancelled')],
      );
    },

    /**
     * approved → executing; null if someone else already claimed it (or it is not approved). A batch's items
     * (`items` > 1) are stored by the same statement: a request claimed as a batch is never without them, so a
     * crash right after the claim leaves a batch recovery resumes (nothing was sent), not a request it reads back.
     */
    async claimExecution(id: string, now: Date = new Date(), items = 1): Promise<RequestRecord | null> {
      return one(
        `WITH claimed AS (
           UPDATE requests SET status = 'executing', updated_at = $2
           WHERE id = $1 AND status = ANY($3::text[]) RETURNING ${COLUMNS}),
         added AS (
           INSERT INTO request_items (request_id, item, status, created_at, updated_at)
           SELECT claimed.id, i, 'pending', $2, $2 FROM claimed, generate_series(0, $4::int - 1) AS i
           WHERE $4::int > 1
           ON CONFLICT (request_id, item) DO NOTHING)
         SELECT * FROM claimed`,
        [id, now, sources('executing'), items],
      );
    },

    /**
     * executing (or unknown, when reconciled) → succeeded | failed | unknown, purging secrets, as far as the
     * lifecycle allows (never unknown → failed). Null when the request was in no state it may come from.
     */
    async finish(
      id: string,
      status: 'succeeded' | 'failed' | 'unknown',
      outcome: {
        result?: unknown;
        error?: string | null;
        now?: Date;
        /** Only from `executing` (a batch's last item: of two workers finishing at once, one records it). */
        onlyFromExecuting?: boolean;
      } = {},
    ): Promise<RequestRecord | null> {
      return one(
        `UPDATE requests SET status = $2, result = $3::jsonb, error = $4, secrets = NULL, updated_at = $5
         WHERE id = $1 AND status = ANY($6::text[]) RETURNING ${COLUMNS}`,
        [
          id,
          status,
          json(outcome.result),
          outcome.error ?? null,
          outcome.now ?? new Date(),
          sources(status, outcome.onlyFromExecuting ? ['executing'] : RAN),
        ],
      );
    },

    /** Records the request's message in its channel; false when one was recorded already (it stays). */
    async setStory(id: string, storyTs: string): Promise<boolean> {
      const { rows } = await db.query(
        'UPDATE requests SET story_ts = $2, updated_at = now() WHERE id = $1 AND story_ts IS NULL RETURNING id',
        [id, storyTs],
      );
      return rows.length > 0;
    },

    async setCard(id: string, cardChannelId: string, cardTs: string): Promise<void> {
      await db.query(
        'UPDATE requests SET card_channel_id = $2, card_ts = $3, updated_at = now() WHERE id = $1',
        [id, cardChannelId, cardTs],
      );
    },

    async listExpiredPending(now: Date = new Date(), limit = 100): Promise<RequestRecord[]> {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM requests WHERE status = 'pending_approval' AND expires_at <= $1
         ORDER BY expires_at LIMIT $2`,
        [now, limit],
      );
      return rows.map(toRecord);
    },

    /**
     * executing → unknown for requests whose executor vanished (a crash or kill mid-call): one UPDATE, so
     * of several replicas exactly one takes each. Secrets are purged: the mutation is never sent again.
     */
    async takeStuckExecuting(
      startedBefore: Date,
      error: string,
      now: Date = new Date(),
      limit = 50,
    ): Promise<RequestRecord[]> {
      const { rows } = await db.query(
        `UPDATE requests SET status = 'unknown', error = $2, secrets = NULL, updated_at = $3
         WHERE id IN (SELECT id FROM requests WHERE status = ANY($5::text[]) AND updated_at < $1
                        -- A batch (request_items) is taken over item by item instead (requests/batch.ts).
                        AND NOT EXISTS (SELECT 1 FROM request_items i WHERE i.request_id = requests.id)
                      ORDER BY updated_at LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [startedBefore, error, now, limit, sources('unknown', ['executing'])],
      );
      return rows.map(toRecord);
    },

    /** pending → expired (secrets purged) if it is past its expiry; null otherwise. */
    async expire(id: string, now: Date = new Date()): Promise<RequestRecord | null> {
      return one(
        `UPDATE requests SET status = 'expired', secrets = NULL, updated_at = $2
         WHERE id = $1 AND status = ANY($3::text[]) AND expires_at <= $2 RETURNING ${COLUMNS}`,
        [id, now, sources('expired')],
      );
    },

    /** The request filed with this idempotency key (a form submitted twice), if any. */
    async findByIdempotencyKey(key: string): Promise<RequestRecord | null> {
      return one(`SELECT ${COLUMNS} FROM requests WHERE idempotency_key = $1`, [key]);
    },

    /**
     * Open requests whose input names this number (`phoneNumber`, or in a list change's `phoneNumbers`): one
     * change of a line at a time.
     */
    async listOpenForNumber(phoneNumber: string, limit = 20): Promise<RequestRecord[]> {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM requests WHERE status = ANY($2::text[])
           AND (input->>'phoneNumber' = $1 OR input->'phoneNumbers' ? $1)
         ORDER BY created_at DESC LIMIT $3`,
        [phoneNumber, OPEN_REQUEST_STATUSES, limit],
      );
      return rows.map(toRecord);
    },

    /**
     * Open requests whose input names one of `numbers` (a line, a limits list) or the subscriber `subscriberId`
     * (a provision or port-in for them): a customer's requests still to be decided or run, newest first.
     */
    async listOpenForCustomer(
      numbers: readonly string[],
      subscriberId: string,
      limit = 20,
    ): Promise<RequestRecord[]> {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM requests WHERE status = ANY($3::text[]) AND (
           input->>'phoneNumber' = ANY($1::text[]) OR input->'numbers' ?| $1::text[]
           OR lower(input->>'assignedSubscriberId') = lower($2))
         ORDER BY created_at DESC LIMIT $4`,
        [numbers, subscriberId, OPEN_REQUEST_STATUSES, limit],
      );
      return rows.map(toRecord);
    },

    /**
     * Requests about this order (a port-in's update or cancel, or a Cancel all… naming it in `orderIds`) still
     * to be decided or run.
     */
    async listOpenForOrder(orderId: string, limit = 20): Promise<RequestRecord[]> {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM requests WHERE status = ANY($2::text[])
           AND (input->>'orderId' = $1 OR input->'orderIds' ? $1)
         ORDER BY created_at DESC LIMIT $3`,
        [orderId, OPEN_REQUEST_STATUSES, limit],
      );
      return rows.map(toRecord);
    },

    /** Requests of this user that are not finished (pending, approved, executing, unknown), newest first. */
    async listOpenByRequester(requestedBy: string, limit = 50): Promise<RequestRecord[]> {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM requests WHERE requested_by = $1 AND status = ANY($2::text[])
         ORDER BY created_at DESC LIMIT $3`,
        [requestedBy, OPEN_REQUEST_STATUSES, limit],
      );
      return rows.map(toRecord);
    },

    /**
     * Pending, unexpired requests, oldest first (App Home filters them with decideApproval per viewer);
     * `notRequestedBy` leaves out a user's own requests before the limit applies.
     */
    async listPending(
      options: { now?: Date; limit?: number; notRequestedBy?: string | undefined } = {},
    ): Promise<RequestRecord[]> {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM requests WHERE status = 'pending_approval'
           AND (expires_at IS NULL OR expires_at > $1) AND ($3::text IS NULL OR requested_by <> $3)
         ORDER BY created_at LIMIT $2`,
        [options.now ?? new Date(), options.limit ?? 200, options.notRequestedBy ?? null],
      );
      return rows.map(toRecord);
    },

    /**
     * approved → failed, for an approval left unexecuted too long to send now (secrets purged). Null when it
     * is no longer `approved` (someone claimed it meanwhile).
     */
    async abandonApproved(id: string, error: string, now: Date = new Date()): Promise<RequestRecord | null> {
      return one(
        `UPDATE requests SET status = 'failed', error = $2, secrets = NULL, updated_at = $3
         WHERE id = $1 AND status = ANY($4::text[]) RETURNING ${COLUMNS}`,
        [id, error, now, sources('failed', ['approved'])],
      );
    },

    /**
     * Approved requests nobody claimed for execution since `before` (their approver's process died between
     * the decision and the claim). The recovery job executes them; the claim keeps that exactly once.
     */
    async listApprovedUnclaimed(before: Date, limit = 50): Promise<RequestRecord[]> {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM requests WHERE status = 'approved' AND updated_at < $1
         ORDER BY updated_at LIMIT $2`,
        [before, limit],
      );
      return rows.map(toRecord);
    },
  };
}

export type RequestsRepo = ReturnType<typeof createRequestsRepo>;
