-- Port-date heads-ups: one post per order, port date and kind ('eve': the business day before; 'day': the
-- day itself), whatever the number of replicas (the primary key is the claim).
CREATE TABLE port_date_headsups (
  order_id text NOT NULL REFERENCES orders (order_id),
  port_date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('eve', 'day')),
  claimed_at timestamptz NOT NULL DEFAULT now(),
  message_ts text,
  PRIMARY KEY (order_id, port_date, kind)
);
