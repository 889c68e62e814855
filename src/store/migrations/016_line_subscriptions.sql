-- Putting a new line on its plan (jobs/line-subscriptions.ts): one row per request that chose a plan, the step
-- that creates the line's Telegent subscription exactly once. A provision's row is 'pending' at once (the number
-- exists); a port-in's is 'waiting' until its order (`order_id`; null for a provision) completes, then the number
-- is read back for its TNID and classification. A worker claims a row ('claimed' with a token and a lease) before
-- calling Telegent; `attempts` counts the creates that may have been sent, so a row claimed again after one (its
-- worker died, or the answer was lost) is looked up at Telegent before anything is created. Outcomes: 'done'
-- (with the subscription), 'refused' (Telegent said no: the request's thread says what to do), 'skipped' (plans
-- not enabled for the account, or the order never completed), 'failed' (Telegent kept failing: given up, the
-- thread says so). `detail` is the sentence the thread shows (null: nothing to show).
CREATE TABLE line_subscriptions (
  request_id text PRIMARY KEY REFERENCES requests (id),
  order_id text,
  phone_number text NOT NULL,
  subscriber_id text NOT NULL,
  package_id text NOT NULL,
  plan_name text,
  iccid text,
  type text,
  tnid text,
  status text NOT NULL CHECK (status IN ('waiting', 'pending', 'claimed', 'done', 'refused', 'skipped', 'failed')),
  claim_token text,
  claimed_until timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  failures integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  subscription_id text,
  detail text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX line_subscriptions_due ON line_subscriptions (next_attempt_at)
  WHERE status IN ('pending', 'claimed');
CREATE INDEX line_subscriptions_waiting ON line_subscriptions (order_id) WHERE status = 'waiting';
