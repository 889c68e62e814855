-- Requests: one row per operation a user asked for, through approval to its outcome.
CREATE TABLE requests (
  id text PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN (
    'pending_approval', 'approved', 'executing', 'succeeded', 'failed', 'unknown',
    'rejected', 'expired', 'cancelled'
  )),
  input jsonb NOT NULL,                -- redacted: never holds a secret
  secrets text,                        -- AES-256-GCM ciphertext, purged once executed or closed
  account_id text,
  requested_by text NOT NULL,
  channel_id text NOT NULL,
  card_channel_id text,
  card_ts text,
  approver text,
  decided_at timestamptz,
  decision_reason text,
  result jsonb,
  error text,
  expires_at timestamptz,
  idempotency_key text UNIQUE,         -- Slack view/action id: a redelivery cannot create a second request
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX requests_pending_expiry ON requests (expires_at) WHERE status = 'pending_approval';
CREATE INDEX requests_requested_by ON requests (requested_by, created_at DESC);

-- Orders: every Telegent OrderId we created, watched by the poller until it is terminal.
CREATE TABLE orders (
  order_id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('provision', 'portin', 'portout')),
  numbers text[] NOT NULL DEFAULT '{}',
  status text NOT NULL,
  status_message text,
  channel_id text NOT NULL,
  thread_ts text,
  request_id text REFERENCES requests (id),
  requested_by text NOT NULL,
  port_in_date date,
  next_check_at timestamptz NOT NULL DEFAULT now(),
  poll_interval_seconds integer NOT NULL DEFAULT 300,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX orders_due_open ON orders (next_check_at) WHERE closed_at IS NULL;
CREATE INDEX orders_channel ON orders (channel_id, created_at DESC);

-- The outbox: a status change is recorded here in the same transaction as the order update,
-- then posted to Slack and marked. claim_expires_at leases an event to one replica while it posts.
CREATE TABLE order_events (
  id bigserial PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders (order_id),
  status text NOT NULL,
  status_message text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  posted_at timestamptz,
  claim_expires_at timestamptz
);
CREATE INDEX order_events_unposted ON order_events (id) WHERE posted_at IS NULL;
CREATE INDEX order_events_order ON order_events (order_id, id);

-- Audit log: append-only (a trigger refuses UPDATE and DELETE).
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  request_id text,
  order_id text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_request ON audit_log (request_id, id) WHERE request_id IS NOT NULL;
CREATE INDEX audit_log_order ON audit_log (order_id, id) WHERE order_id IS NOT NULL;

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_append_only
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Daily digest: one subscription per channel, one run per channel per local day.
CREATE TABLE digest_subscriptions (
  channel_id text PRIMARY KEY,
  local_time text NOT NULL CHECK (local_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  time_zone text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE digest_runs (
  channel_id text NOT NULL,
  local_date date NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  posted_at timestamptz,
  message_ts text,
  UNIQUE (channel_id, local_date)
);

-- Shared Telegent rate limiter (GCRA: theoretical arrival time per bucket).
CREATE TABLE rate_limit_buckets (
  name text PRIMARY KEY,
  tat timestamptz NOT NULL
);

-- node-cron run coordinator: a scheduled slot runs once across replicas.
CREATE TABLE job_slots (
  key text PRIMARY KEY,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
