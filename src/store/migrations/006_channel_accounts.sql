-- Distributors: a channel bound to one of the distributor's Telegent accounts (`/telegent account AID-…`).
-- Requests filed in the channel send its AccountId; TELEGENT_ACCOUNT_ID stays the default elsewhere.
CREATE TABLE channel_accounts (
  channel_id text PRIMARY KEY,
  account_id text NOT NULL,
  account_name text,
  bound_by text NOT NULL,
  bound_at timestamptz NOT NULL DEFAULT now()
);
