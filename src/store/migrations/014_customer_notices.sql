-- The text that tells a line's holder a SIM swap or port-out PIN was requested (requests/customer-notice.ts): one
-- row per request, so the line is texted at most once. A sender claims the row (status 'sending' with a claim
-- token and an expiry) before calling Telegent and records the outcome after: 'sent' (with Telegent's message id
-- when it gives one), 'failed' (Telegent refused: nothing was sent), 'skipped' (CUSTOMER_NOTICE_FROM unset). A
-- claim that expired without an outcome (the sender died between the call and the record) becomes 'unknown' and
-- is never sent again: Telegent's outbound endpoint has no idempotency key, so a resend could text twice.
CREATE TABLE customer_notices (
  request_id text PRIMARY KEY REFERENCES requests (id),
  line text NOT NULL,
  status text NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'skipped', 'unknown')),
  claim_token text,
  claimed_until timestamptz,
  message_id text,
  detail text,
  created_at timestamptz NOT NULL,
  decided_at timestamptz
);
CREATE INDEX customer_notices_claimed ON customer_notices (claimed_until) WHERE status = 'sending';
