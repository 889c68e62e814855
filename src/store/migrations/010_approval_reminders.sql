-- Reminders of pending requests (APPROVAL_REMINDERS): one row per step and target ('thread' for the reply in
-- the approval card's thread, else the approver's user id for a DM). The key makes each reminder once across
-- replicas: whoever inserts the row sends it.
CREATE TABLE approval_reminders (
  request_id text NOT NULL REFERENCES requests (id),
  step integer NOT NULL CHECK (step >= 0),
  target text NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (request_id, step, target)
);
-- The requester's Nudge: at most once per 15 minutes per request (a conditional UPDATE of this column).
ALTER TABLE requests ADD COLUMN nudged_at timestamptz;
