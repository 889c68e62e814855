import type { Db } from './db.js';

/** Which of a request's messages a digest is about. */
export type RequestMessage = 'card' | 'story';

/** A replica's hold on drawing one request: until `target` (the asks it covers), under `token`. */
export interface DrawLease {
  requestId: string;
  token: string;
  target: number;
  /** Digest of what each message showed after the last redraw (null: not drawn yet). */
  shows: Record<RequestMessage, string | null>;
}

export interface LeaseTiming {
  now: Date;
  leaseSeconds: number;
}

const until = (t: LeaseTiming) => new Date(t.now.getTime() + t.leaseSeconds * 1000);

/**
 * Redraws of a request's messages (notify/request-messages.ts): asked for by every step, drawn by one replica
 * at a time under a short lease, and the once-only posts of a request (claimed before posting, with the ts
 * once Slack took them).
 */
export function createRequestMessagesRepo(db: Db) {
  return {
    /** A redraw is owed (one more ask; whoever draws next covers it). */
    async ask(requestId: string): Promise<void> {
      await db.query(
        `INSERT INTO request_messages (request_id) VALUES ($1)
         ON CONFLICT (request_id) DO UPDATE SET asked = request_messages.asked + 1`,
        [requestId],
      );
    },

    /** Takes the drawing when a redraw is owed and no replica holds it (or its lease ran out); null otherwise. */
    async lease(requestId: string, token: string, timing: LeaseTiming): Promise<DrawLease | null> {
      const { rows } = await db.query<{
        asked: number;
        card_shows: string | null;
        story_shows: string | null;
      }>(
        `UPDATE request_messages SET lease_token = $2, leased_until = $4
         WHERE request_id = $1 AND asked > drawn AND (leased_until IS NULL OR leased_until <= $3)
         RETURNING asked, card_shows, story_shows`,
        [requestId, token, timing.now, until(timing)],
      );
      const row = rows[0];
      if (!row) return null;
      return { requestId, token, target: row.asked, shows: { card: row.card_shows, story: row.story_shows } };
    },

    /** Keeps the lease before a Slack call; false when another replica has taken the drawing over. */
    async renew(lease: DrawLease, timing: LeaseTiming): Promise<boolean> {
      const { rowCount } = await db.query(
        'UPDATE request_messages SET leased_until = $3 WHERE request_id = $1 AND lease_token = $2',
        [lease.requestId, lease.token, until(timing)],
      );
      return rowCount > 0;
    },

    /** What a message shows now (its digest), recorded under the lease. */
    async setShows(lease: DrawLease, message: RequestMessage, digest: string): Promise<void> {
      const column = message === 'card' ? 'card_shows' : 'story_shows';
      await db.query(
        `UPDATE request_messages SET ${column} = $3 WHERE request_id = $1 AND lease_token = $2`,
        [lease.requestId, lease.token, digest],
      );
    },

    /**
     * A redraw up to `lease.target` is done. If more was asked meanwhile the lease is kept and the new target
     * returned (draw again); otherwise the lease is let go and null returned. One statement: an ask can never
     * fall between "nothing more to draw" and letting go.
     */
    async drawn(lease: DrawLease, timing: LeaseTiming): Promise<number | null> {
      const { rows } = await db.query<{ asked: number; lease_token: string | null }>(
        `UPDATE request_messages SET drawn = GREATEST(drawn, $3), failures = 0, retry_at = NULL,
           lease_token = CASE WHEN asked > $3 THEN lease_token END,
           leased_until = CASE WHEN asked > $3 THEN $4::timestamptz END
         WHERE request_id = $1 AND lease_token = $2
         RETURNING asked, lease_token`,
        [lease.requestId, lease.token, lease.target, until(timing)],
      );
      const row = rows[0];
      return row?.lease_token ? row.asked : null;
    },

    /**
     * A redraw failed (Slack rate limit, a transient error): let go, for the sweep to try again after a delay
     * that doubles with each failure in a row (15 s … 10 min; a new ask tries at once). Returns the failures in a row.
     */
    async failed(lease: DrawLease, now: Date): Promise<number> {
      const { rows } = await db.query<{ failures: number }>(
        `UPDATE request_messages SET lease_token = NULL, leased_until = NULL, failures = failures + 1,
           retry_at = $3::timestamptz + LEAST(15 * power(2, failures), 600) * interval '1 second'
         WHERE request_id = $1 AND lease_token = $2 RETURNING failures`,
        [lease.requestId, lease.token, now],
      );
      return rows[0]?.failures ?? 0;
    },

    /**
     * Gives up on what the failed draw tried (a request Slack keeps refusing): drawn up to its target, so the
     * sweep stops trying. An ask that came after it (a newer fact) stays owed and gets its own tries; a replica
     * that took the request over meanwhile keeps it (called after `failed` let the lease go, so it is fenced by
     * nobody holding one rather than by its token).
     */
    async giveUp(lease: DrawLease): Promise<void> {
      await db.query(
        `UPDATE request_messages SET drawn = GREATEST(drawn, $2), failures = 0, retry_at = NULL
         WHERE request_id = $1 AND lease_token IS NULL`,
        [lease.requestId, lease.target],
      );
    },

    /** Requests owed a redraw that no replica holds (a killed replica's, a failed redraw's once due). */
    async listOwed(now: Date, limit = 50): Promise<string[]> {
      const { rows } = await db.query<{ request_id: string }>(
        `SELECT request_id FROM request_messages
         WHERE asked > drawn AND (leased_until IS NULL OR leased_until <= $1) AND (retry_at IS NULL OR retry_at <= $1)
         ORDER BY retry_at NULLS FIRST LIMIT $2`,
        [now, limit],
      );
      return rows.map((r) => r.request_id);
    },

    /** The request's once-only posts: post name → ts when Slack took it (null: claimed, maybe not posted). */
    async posts(requestId: string): Promise<Map<string, { ts: string | null; claims: number }>> {
      const { rows } = await db.query<{ post: string; ts: string | null; claims: number }>(
        'SELECT post, ts, claims FROM request_posts WHERE request_id = $1',
        [requestId],
      );
      return new Map(rows.map((r) => [r.post, { ts: r.ts, claims: r.claims }]));
    },

    /**
     * Claims a once-only post before it is made: the number of claims so far (1: nobody tried before, post it;
     * more: an earlier attempt may have reached Slack, look for it first), or null when it is posted already.
     */
    async claimPost(requestId: string, post: string): Promise<number | null> {
      const { rows } = await db.query<{ claims: number }>(
        `INSERT INTO request_posts (request_id, post, claims) VALUES ($1, $2, 1)
         ON CONFLICT (request_id, post) DO UPDATE SET claims = request_posts.claims + 1
           WHERE request_posts.ts IS NULL
         RETURNING claims`,
        [requestId, post],
      );
      return rows[0]?.claims ?? null;
    },

    /** Slack certainly did not take the post (it answered with an error): the claim is given back. */
    async unclaimPost(requestId: string, post: string): Promise<void> {
      await db.query(
        `UPDATE request_posts SET claims = GREATEST(claims - 1, 0)
         WHERE request_id = $1 AND post = $2 AND ts IS NULL`,
        [requestId, post],
      );
    },

    async recordPost(requestId: string, post: string, ts: string): Promise<void> {
      await db.query('UPDATE request_posts SET ts = $3 WHERE request_id = $1 AND post = $2', [
        requestId,
        post,
        ts,
      ]);
    },
  };
}

export type RequestMessagesRepo = ReturnType<typeof createRequestMessagesRepo>;
