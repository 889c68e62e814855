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

/** Request statuses after which a step's request can no longer change for the workflow (`unknown` included: a person checks it). */
export const STEP_DONE_STATUSES: readonly string[] = [...FINAL_STATUSES, 'unknown'];

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

    async getByRequest(requestId: string): Promise<StepRequestRecord | null> {
      const { rows } = await db.query<Row>('SELECT * FROM step_requests WHERE request_id = $1', [requestId]);
      return rows[0] ? toRecord(rows[0]) : null;
    },

    /**
     * Takes the run for completing until `until`: one completer at a time (replicas, a redraw and the sweep at
     * once). Null when it is completed or another completer holds it.
     */
    async claim(functionExecutionId: string, until: Date, now: Date): Promise<ClaimedStepRequest | null> {
      const { rows } = await db.query<Row>(
        `UPDATE step_requests SET claimed_until = $2
         WHERE function_execution_id = $1 AND completed_at IS NULL
           AND (claimed_until IS NULL OR claimed_until < $3)
         RETURNING *`,
        [functionExecutionId, until, now],
      );
      const row = rows[0];
      if (!row) return null;
      return { ...toRecord(row), token: row.token ? cipher.decrypt<string>(row.token) : null };
    },

    /** Slack took the completion (or said it was completed before): done for good, the token dropped. */
    async completed(functionExecutionId: string, outcome: 'success' | 'error', now: Date): Promise<void> {
      await db.query(
        `UPDATE step_requests SET completed_at = $3, outcome = $2, token = NULL, claimed_until = NULL
         WHERE function_execution_id = $1 AND completed_at IS NULL`,
        [functionExecutionId, outcome, now],
      );
    },

    /** The completion failed for now (Slack away): the next sweep tries again. */
    async release(functionExecutionId: string): Promise<void> {
      await db.query(
        'UPDATE step_requests SET claimed_until = NULL WHERE function_execution_id = $1 AND completed_at IS NULL',
        [functionExecutionId],
      );
    },

    /** Runs whose request is done and that are not completed yet (the app was down, or Slack failed). */
    async listOwed(limit = 50): Promise<StepRequestRecord[]> {
      const { rows } = await db.query<Row>(
        `SELECT s.* FROM step_requests s JOIN requests r ON r.id = s.request_id
         WHERE s.completed_at IS NULL AND r.status = ANY($1::text[])
         ORDER BY s.created_at LIMIT $2`,
        [STEP_DONE_STATUSES, limit],
      );
      return rows.map(toRecord);
    },
  };
}

export type StepRequestsRepo = ReturnType<typeof createStepRequestsRepo>;
