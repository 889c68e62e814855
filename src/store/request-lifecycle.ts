/**
 * The request lifecycle, pure (no SQL, no I/O): the statuses a request can have (the CHECK of
 * `requests.status` lists the same) and the moves between them. It governs: every conditional UPDATE of
 * `requests-repo.ts` takes the states it may move a request from out of this table (`fromStatesFor`), so the
 * SQL can never make a move the table forbids and keeps only the race guard. It lives in store/ because both
 * the repository and requests/ read it, and requests/ imports store/ (store/ may not import requests/).
 *
 *   pending_approval → approved → executing → succeeded | failed | unknown
 *   approved → failed (left unexecuted by a crash for so long that sending it now would surprise everyone)
 *   pending_approval → rejected | expired | cancelled (withdrawn by the requester)
 *   unknown → succeeded (the read-back proved the change happened) | unknown (it proved nothing)
 *
 * Never unknown → failed, on purpose: reconciliation (requests/reconcile.ts, each operation's `reconcile`)
 * only ever concludes that the change happened (`resolved`); what else it finds ("the cancel did not take
 * effect yet") proves nothing for good, as Telegent may still apply the call, so it is recorded on the request,
 * which stays `unknown` for a human. Only an execution that Telegent refused outright is `failed`.
 */
export const REQUEST_STATUSES = [
  'pending_approval',
  'approved',
  'executing',
  'succeeded',
  'failed',
  'unknown',
  'rejected',
  'expired',
  'cancelled',
] as const;

export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  pending_approval: ['approved', 'rejected', 'expired', 'cancelled'],
  approved: ['executing', 'failed'],
  executing: ['succeeded', 'failed', 'unknown'],
  unknown: ['succeeded', 'unknown'],
  succeeded: [],
  failed: [],
  rejected: [],
  expired: [],
  cancelled: [],
};

export function canTransition(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The states a request may move to `to` from (empty for `pending_approval`: a request starts there). */
export function fromStatesFor(to: RequestStatus): RequestStatus[] {
  return REQUEST_STATUSES.filter((from) => canTransition(from, to));
}

export const FINAL_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter(
  (status) => TRANSITIONS[status].length === 0,
);

/** Still to be decided or run (pending, approved, executing, unknown): every status that can move on. */
export const OPEN_REQUEST_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter(
  (status) => TRANSITIONS[status].length > 0,
);
