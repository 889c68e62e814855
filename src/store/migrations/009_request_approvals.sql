-- Two approvers where the risk calls for it (APPROVALS_NEEDED): how many distinct approvers a request needs is
-- fixed when it is filed, and every approval is one row. A request becomes `approved` when the Nth row lands;
-- the primary key refuses a second approval by the same person.
ALTER TABLE requests ADD COLUMN approvals_needed integer NOT NULL DEFAULT 1 CHECK (approvals_needed >= 1);
CREATE TABLE request_approvals (
  request_id text NOT NULL REFERENCES requests (id),
  approver_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (request_id, approver_id)
);
