-- A request filed by a Workflow Builder step (functions/request-step.ts): the step run waits until its request is
-- final, then is completed once (functions.completeSuccess / completeError). One row per step run, written before
-- the request is filed (`request_id` set once it is), so a redelivered run files nothing new. `token` is the run's
-- own token (bot_access_token, xwfp-), encrypted like request secrets and dropped once the run is completed.
-- A completer claims the row (`claimed_until`) before calling Slack and sets `completed_at` after Slack answered:
-- a completer that dies between the two leaves the row to be completed again, which Slack refuses as already
-- completed (taken as done), so a completion is never lost and never shown twice.
CREATE TABLE step_requests (
  function_execution_id text PRIMARY KEY,
  callback_id text NOT NULL,
  request_id text UNIQUE REFERENCES requests (id),
  token text,
  workflow_name text,
  claimed_until timestamptz,
  completed_at timestamptz,
  outcome text CHECK (outcome IN ('success', 'error')),
  created_at timestamptz NOT NULL
);
CREATE INDEX step_requests_open ON step_requests (request_id) WHERE completed_at IS NULL;
