-- A request that does several things of one kind (provision 3 numbers): one row per item, each submitted as its
-- own claimed step (requests/batch.ts), so after a crash a restart submits the rest and none twice. A worker
-- claims an item ('claimed' with a token and a lease) before calling Telegent; `attempts` counts the submissions
-- that may have been sent (incremented right before the call), so an item claimed again with attempts > 0 is
-- settled by the operation's read-back, never sent again. Outcomes: 'done' (`result`: what Telegent answered),
-- 'failed' (Telegent refused: `error` says why in words), 'unknown' (sent, answer lost, the read-back could not
-- tell: `error`, `result` holds the read-back).
CREATE TABLE request_items (
  request_id text NOT NULL REFERENCES requests (id),
  item integer NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'claimed', 'done', 'failed', 'unknown')),
  claim_token text,
  claimed_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  result jsonb,
  error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (request_id, item)
);
CREATE INDEX request_items_open ON request_items (request_id) WHERE status IN ('pending', 'claimed');

-- A request with several new lines puts each on its plan: one plan step per item (0 for a one-line request).
ALTER TABLE line_subscriptions ADD COLUMN item integer NOT NULL DEFAULT 0;
ALTER TABLE line_subscriptions DROP CONSTRAINT line_subscriptions_pkey;
ALTER TABLE line_subscriptions ADD PRIMARY KEY (request_id, item);
