-- Effectively-once status posts. A poster can die after Slack accepted its post and before it marked the
-- event posted; the next poster must then look for the post (by the event ids in its Slack metadata) before
-- posting again. `claims` counts how often an event was handed to a poster: more than one means an earlier
-- poster may have reached Slack. `message_ts` records where the post landed (found or made).
ALTER TABLE order_events ADD COLUMN claims integer NOT NULL DEFAULT 0;
ALTER TABLE order_events ADD COLUMN message_ts text;
-- The poster holding the claim: renewing, releasing and marking check it, so a poster whose lease ran out
-- (and was taken over) cannot post, release or mark what is no longer its own.
ALTER TABLE order_events ADD COLUMN claim_token text;
-- A final status also goes to the requester by DM: the same once-only bookkeeping, tracked apart so a crash
-- between the channel post and the DM neither loses nor repeats the DM.
ALTER TABLE order_events ADD COLUMN notice_due boolean NOT NULL DEFAULT false;
ALTER TABLE order_events ADD COLUMN notice_posted_at timestamptz;

-- Rows from before this version: an event an older poster had claimed may have reached Slack (check first);
-- a final status not yet posted still owes its requester DM (the older poster sent it right after the post).
UPDATE order_events SET claims = 1 WHERE posted_at IS NULL AND claim_expires_at IS NOT NULL;
UPDATE order_events e SET notice_due = true
  FROM orders o
  WHERE o.order_id = e.order_id AND o.closed_at IS NOT NULL AND e.posted_at IS NULL
    AND e.id = (SELECT max(id) FROM order_events last WHERE last.order_id = e.order_id);

DROP INDEX order_events_unposted;
CREATE INDEX order_events_undelivered ON order_events (id)
  WHERE posted_at IS NULL OR (notice_due AND notice_posted_at IS NULL);

-- Digest runs: a run claimed by a poster that died is taken over after its lease (claimed_at + lease),
-- looking for the digest in the channel (by its metadata) before posting it.
ALTER TABLE digest_runs ADD COLUMN claims integer NOT NULL DEFAULT 1;
