/**
 * A view that says "loading…" or "working…" carries this mark, so the one error path can tell that a modal a
 * listener left behind still waits for an answer that will not come (and turn it into the error). A symbol
 * key: spreads keep it, JSON (what Slack receives) never shows it.
 */
const WAITING = Symbol('telegent.waiting-view');

export function markWaiting<V extends object>(view: V): V {
  return Object.assign(view, { [WAITING]: true });
}

export function isWaiting(view: unknown): boolean {
  return typeof view === 'object' && view !== null && (view as Record<symbol, unknown>)[WAITING] === true;
}
