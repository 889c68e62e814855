import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canTransition,
  FINAL_STATUSES,
  fromStatesFor,
  OPEN_REQUEST_STATUSES,
  REQUEST_STATUSES,
  type RequestStatus,
} from '../../src/store/request-lifecycle.js';
import type { RequestRecord } from '../../src/store/requests-repo.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

/**
 * The lifecycle table governs the SQL: every (from, to) pair of statuses is tried against every repository
 * write that leads to `to`, on the real SQL of each store. A pair the table allows is made by some write; a
 * pair it forbids by none, and the row stays as it was.
 */

const BASE = Date.parse('2030-01-01T00:00:00Z');
/** Moves happen at MOVED, before the requests expire (EXPIRES); the expiry runs at LATE, after it. */
const MOVED = new Date(BASE + 3_600_000);
const EXPIRES = new Date(BASE + 7_200_000);
const LATE = new Date(BASE + 10_800_000);

interface Move {
  name: string;
  to: RequestStatus;
  /** The states this write starts from (its race guard); the table may allow it from fewer. */
  startsFrom: readonly RequestStatus[];
  /** Tries the move on `request`: true when the repository says it made it. */
  attempt(store: TestStore, request: RequestRecord): Promise<boolean>;
}

const RAN: readonly RequestStatus[] = ['executing', 'unknown'];

/** Every write of requests-repo.ts that changes `requests.status`. */
const MOVES: readonly Move[] = [
  {
    name: 'recordApproval',
    to: 'approved',
    startsFrom: ['pending_approval'],
    attempt: async (store, r) =>
      (await store.requests.recordApproval(r.id, 'U_APPROVER', { now: MOVED })).status === 'approved',
  },
  {
    name: 'reject',
    to: 'rejected',
    startsFrom: ['pending_approval'],
    attempt: async (store, r) => (await store.requests.reject(r.id, 'U_APPROVER', { now: MOVED })) !== null,
  },
  {
    name: 'cancel',
    to: 'cancelled',
    startsFrom: ['pending_approval'],
    attempt: async (store, r) => (await store.requests.cancel(r.id, r.requestedBy, MOVED)) !== null,
  },
  {
    name: 'expire',
    to: 'expired',
    startsFrom: ['pending_approval'],
    attempt: async (store, r) => (await store.requests.expire(r.id, LATE)) !== null,
  },
  {
    name: 'claimExecution',
    to: 'executing',
    startsFrom: ['approved'],
    attempt: async (store, r) => (await store.requests.claimExecution(r.id, MOVED)) !== null,
  },
  ...(['succeeded', 'failed', 'unknown'] as const).map(
    (to): Move => ({
      name: `finish(${to})`,
      to,
      startsFrom: RAN,
      attempt: async (store, r) =>
        (await store.requests.finish(r.id, to, { error: 'x', result: { ok: true }, now: MOVED })) !== null,
    }),
  ),
  {
    name: 'abandonApproved',
    to: 'failed',
    startsFrom: ['approved'],
    attempt: async (store, r) => (await store.requests.abandonApproved(r.id, 'stale', MOVED)) !== null,
  },
  {
    name: 'takeStuckExecuting',
    to: 'unknown',
    startsFrom: ['executing'],
    attempt: async (store, r) => {
      // Every request is placed earlier than the one before (see requestIn), and a moved one is stamped
      // MOVED: only `r` can be older than its own placement.
      const taken = await store.requests.takeStuckExecuting(
        new Date(r.updatedAt.getTime() + 1),
        'stuck',
        MOVED,
      );
      expect(taken.filter((t) => t.id !== r.id)).toEqual([]);
      return taken.length === 1;
    },
  },
];

const statusesReachedBySql = new Set(MOVES.map((m) => m.to));
const PAIRS = REQUEST_STATUSES.flatMap((from) =>
  REQUEST_STATUSES.filter((to) => statusesReachedBySql.has(to)).map((to) => [from, to] as const),
);

let placed = 0;

/**
 * A request in `from`, with secrets, unexpired until EXPIRES: inserted directly in that status, not reached by the
 * moves under test. Each is stamped a second earlier than the one before.
 */
async function requestIn(store: TestStore, from: RequestStatus): Promise<RequestRecord> {
  placed++;
  const id = `req_walk_${placed}`;
  await store.db.query(
    `INSERT INTO requests (id, kind, status, input, secrets, requested_by, channel_id, expires_at,
       created_at, updated_at)
     VALUES ($1, 'portout', $2, '{}'::jsonb, $3, 'U_REQUESTER', 'C_WALK', $4, $5, $5)`,
    [id, from, store.cipher.encrypt({ portOutPin: '1234' }), EXPIRES, new Date(BASE - placed * 1000)],
  );
  return (await store.requests.get(id))!;
}

describe('the request lifecycle table', () => {
  it('has no move into a status no repository write makes (a request starts as pending or approved)', () => {
    const unreached = REQUEST_STATUSES.filter((to) => !statusesReachedBySql.has(to));
    expect(unreached).toEqual(['pending_approval']);
    expect(unreached.flatMap(fromStatesFor)).toEqual([]);
  });

  it('ends a request in exactly the statuses nothing leaves; the others are open', () => {
    expect([...FINAL_STATUSES].sort()).toEqual(['cancelled', 'expired', 'failed', 'rejected', 'succeeded']);
    expect([...OPEN_REQUEST_STATUSES, ...FINAL_STATUSES].sort()).toEqual([...REQUEST_STATUSES].sort());
  });
});

describe.each(storeKinds())('every (from, to) pair against the SQL on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(() => store?.close());

  it('the requests table accepts exactly the lifecycle statuses', async () => {
    const { rows } = await store.db.query<{ def: string }>(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE conrelid = 'requests'::regclass AND contype = 'c'`,
    );
    const inCheck = rows.flatMap((row) => [...row.def.matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]));
    expect(inCheck.sort()).toEqual([...REQUEST_STATUSES].sort());
  });

  it.each(PAIRS)('%s → %s', async (from, to) => {
    const made: string[] = [];
    for (const move of MOVES.filter((m) => m.to === to)) {
      const request = await requestIn(store, from);
      const expected = canTransition(from, to) && move.startsFrom.includes(from);
      const did = await move.attempt(store, request);
      expect({ move: move.name, did }).toEqual({ move: move.name, did: expected });
      const after = await store.requests.get(request.id);
      // Made: the row is in `to`, its secrets purged unless the execution still needs them (approved,
      // executing). Refused: the row is exactly as it was.
      expect(after).toEqual(
        expected
          ? expect.objectContaining({ status: to, hasSecrets: to === 'executing' || to === 'approved' })
          : request,
      );
      if (did) made.push(move.name);
    }
    expect(made.length > 0).toBe(canTransition(from, to));
  });
});
