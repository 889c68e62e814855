-- Freshness within the budget (issue 13): the poller spends a share of Telegent's rate limit on the open
-- orders, stalest first (weighted), instead of a per-order backoff.
--   last_checked_at   when the poller last read the order at Telegent (null: never; created_at counts)
--   poll_weight       how many times as often as a quiet order it should be read (port date, carrier refusal)
--   recheck_requested someone changed the order (update, cancel): read it first once next_check_at comes
--   lease_expires_at  a poller holds it until then (short, renewed while it works); null: nobody
--   next_check_at     now only "not before": the minimum interval, a retry delay, a requested check time
ALTER TABLE orders ADD COLUMN last_checked_at timestamptz;
ALTER TABLE orders ADD COLUMN poll_weight real NOT NULL DEFAULT 1;
ALTER TABLE orders ADD COLUMN recheck_requested boolean NOT NULL DEFAULT false;
ALTER TABLE orders ADD COLUMN lease_expires_at timestamptz;
ALTER TABLE orders DROP COLUMN poll_interval_seconds;
