import type { Db } from './db.js';
import { FINAL_STATUSES } from './request-lifecycle.js';
import type { SecretsCipher } from './secrets-cipher.js';

/** A Workflow Builder step run that filed a request (migration 018): completed once its request is final. */
export interface StepRequestRecord {
  functionExecutionId: string;
  /** Which step (manifest `functions:` key): it decides the outputs. */
  callbackId: string;
  /** Null until the request is filed (a run refused before that has none). */
  requestId: string | null;
  workflowName: string | null;
  completedAt: Date | null;
  /** When the run reached us: its token lives about 15 minutes from then. */
  createdAt: Date;
}

/** A run claimed for completion: what the call needs, the run's token decrypted (never logged). */
export interface ClaimedStepRequest extends StepRequestRecord {
  token: string | null;
}

interface Row {
  function_execution_id: string;
  callback_id: string;
  request_id: string | null;
  token: string | null;
  workflow_name: string | null;
  completed_at: Date | null;
  created_at: Date;
}

const toRecord = (row: Row): StepRequestRecord => ({
  functionExecutionId: row.function_execution_id,
  callbackId: row.callback_id,
  requestId: row.request_id,
  workflowName: row.workflow_name,
  completedAt: row.completed_at,
  createdAt: row.created_at,
});

/**
 * `unknown` is final for a step only once its read-back is over: requests/execute.ts stores `unknown`, reads
 * Telegent back (seconds) and then stores `succeeded` or `unknown` again with the read-back as `result.reconciliation`.
 * A run completed in between would say "not known" moments before the line is there. A read-back that never
 * stored its answer (the process died in it) is taken as over after this long.
 */
export const UNKNOWN_SETTLES_MS = 5 * 60_000;

/** Whether a step's request can no longer change for the workflow (`unknown` once its read-back is over: a person checks it). */
export function doneForStep(
  request: { status: string; result: unknown; updatedAt: Date },
  now: Date,
): boolean {
  if (FINAL_STATUSES.includes(request.status as (typeof FINAL_STATUSES)[number])) return true;
  if (request.status !== 'unknown') return false;
  const readBack = (request.result as { reconciliation?: unknown } | null)?.reconciliation;
  return readBack !== undefined || now.getTime() - request.updatedAt.getTime() >= UNKNOWN_SETTLES_MS;
}

/** The same as doneForStep, in SQL over `requests r` ($1 final statuses, $2 the cut-off for a read-back). */
const DONE_FOR_STEP_SQL = `(r.status = ANY($1::text[])
  OR (r.status = 'unknown' AND (r.result -> 'reconciliation' IS NOT NULL OR r.updated_at <= $2)))`;

/**
 * Attaches runs to the request they filed, found by the idempotency key the step files with: a process that
 * died (or threw) between filing the request and `attach` left `request_id` NULL, and nothing else would find it.
 */
const ATTACH_BY_KEY_SQL = `UPDATE step_requests s SET request_id = r.id FROM requests r
  WHERE s.request_id IS NULL AND s.completed_at IS NULL AND r.idempotency_key = 'step:' || s.function_execution_id`;

/**
 * The run's token, or null when it cannot be read (ENCRYPTION_KEY changed since it was stored): the run is then
 * completed with the app's bot token, which Slack accepts, instead of failing on every sweep.
 */
function readToken(cipher: SecretsCipher, stored: string | null): string | null {
  if (!stored) return null;
  try {
    return cipher.decrypt<string>(stored);
  } catch {
    return null;
  }
}

export function createStepRequestsRepo(db: Db, cipher: SecretsCipher) {
  return {
    /** The run, recorded before its request is filed; a redelivered run finds the first (`created` false). */
    async begin(run: {
      functionExecutionId: string;
      callbackId: string;
      token: string | null;
      workflowName: string | null;
      now: Date;
    }): Promise<{ run: StepRequestRecord; created: boolean }> {
      const inserted = await db.query<Row>(
        `INSERT INTO step_requests (function_execution_id, callback_id, token, workflow_name, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (function_execution_id) DO NOTHING RETURNING *`,
        [
          run.functionExecutionId,
          run.callbackId,
          run.token ? cipher.encrypt(run.token) : null,
          run.workflowName,
          run.now,
        ],
      );
      if (inserted.rows[0]) return { run: toRecord(inserted.rows[0]), created: true };
      const { rows } = await db.query<Row>('SELECT * FROM step_requests WHERE function_execution_id = $1', [
        run.functionExecutionId,
      ]);
      return { run: toRecord(rows[0]!), created: false };
    },

    /** The run's request, once filed. */
    async attach(functionExecutionId: string, requestId: string): Promise<void> {
      await db.query(
        'UPDATE step_requests SET request_id = $2 WHERE function_execution_id = $1 AND request_id IS NULL',
        [functionExecutionId, requestId],
      );
    },

    /** The run that filed the request (attached now if the filing run never got to `attach`). */
    async getByRequest(requestId: string): Promise<StepRequestRecord | null> {
      const { rows } = await db.query<Row>('SELECT * FROM step_requests WHERE request_id = $1', [requestId]);
      if (rows[0]) return toRecord(rows[0]);
      const attached = await db.query<Row>(`${ATTACH_BY_KEY_SQL} AND r.id = $1 RETURNING s.*`, [requestId]);
      return attached.rows[0] ? toRecord(attached.rows[0]) : null;
    },

    /** The request a run filed, by its idempotency key, attached to the run (a redelivery after a crash); null if none. */
    async findFiled(functionExecutionId: string): Promise<string | null> {
      const { rows } = await db.query<{ request_id: string }>(
        `${ATTACH_BY_KEY_SQL} AND s.function_execution_id = $1 RETURNING s.request_id`,
        [functionExecutionId],
      );
      return rows[0]?.request_id ?? null;
    },

    /**
     * Takes the run for completing until `until`: one completer at a time (replicas, a redraw and the sweep at
     * once). Null when it is completed or another completer holds it.
     */
    async claim(functionExecutionId: string, until: Date, now: Date): Promise<ClaimedStepRequest | null> {
      const { rows } = await db.query<Row>(
        `UPDATE step_requests SET claimed_until = $2
         WHERE function_execution_id = $1 AND completed_at IS NULL
           AND (claimed_until IS NULL OR claimed_until <= $3)
         RETURNING *`,
        [functionExecutionId, until, now],
      );
      const row = rows[0];
      if (!row) return null;
      return { ...toRecord(row), token: readToken(cipher, row.token) };
    },

    /** Slack took the completion (or said it was completed before): done for good, the token dropped. */
    async completed(functionExecutionId: string, outcome: 'success' | 'error', now: Date): Promise<void> {
      await db.query(
        `UPDATE step_requests SET completed_at = $3, outcome = $2, token = NULL, claimed_until = NULL
         WHERE function_execution_id = $1 AND completed_at IS NULL`,
        [functionExecutionId, outcome, now],
      );
    },

    /**
     * The completion failed for now (Slack away): the next sweep tries again. `claimed_until` keeps the time of
     * this try (claimable again at once), so the sweep takes the runs tried longest ago first.
     */
    async release(functionExecutionId: string, now: Date): Promise<void> {
      await db.query(
        'UPDATE step_requests SET claimed_until = $2 WHERE function_execution_id = $1 AND completed_at IS NULL',
        [functionExecutionId, now],
      );
    },

    /**
     * Runs recorded before `before` whose request was never filed (the app stopped, or its database was away,
     * between recording the run and filing): nothing can complete them but ending them (attached first by key, so
     * a request that was filed after all is never missed).
     */
    async listUnfiled(before: Date, limit = 50): Promise<StepRequestRecord[]> {
      await db.query(ATTACH_BY_KEY_SQL);
      const { rows } = await db.query<Row>(
        `SELECT * FROM step_requests
         WHERE request_id IS NULL AND completed_at IS NULL AND created_at < $1
         ORDER BY claimed_until ASC NULLS FIRST, created_at LIMIT $2`,
        [before, limit],
      );
      return rows.map(toRecord);
    },

    /**
     * Runs whose request is done and that are not completed yet (the app was down, or Slack failed), never tried
     * first, then the ones tried longest ago: runs Slack keeps refusing do not hold back newer ones.
     */
    async listOwed(now: Date, limit = 50): Promise<StepRequestRecord[]> {
      await db.query(ATTACH_BY_KEY_SQL);
      const { rows } = await db.query<Row>(
        `SELECT s.* FROM step_requests s JOIN requests r ON r.id = s.request_id
         WHERE s.completed_at IS NULL AND ${DONE_FOR_STEP_SQL}
         ORDER BY s.claimed_until ASC NULLS FIRST, s.created_at LIMIT $3`,
        [FINAL_STATUSES, new Date(now.getTime() - UNKNOWN_SETTLES_MS), limit],
      );
      return rows.map(toRecord);
    },
  };
}

export type StepRequestsRepo = ReturnType<typeof createStepRequestsRepo>;
