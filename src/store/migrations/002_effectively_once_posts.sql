-- Effectively-once status posts. A poster can die after Slack accepted its post and before it marked the
-- event posted; the next poster must then look for the post (by the event ids in its Slack metadata) before
-- posting again. `claims` counts how often an event was handed to a poster: more than one means an earlier
-- poster may have reached Slack. `message_ts` records where the post landed (found or made).
ALTER TABLE order_events ADD COLUMN claims integer NOT NULL DEFAULT 0;
ALTER TABLE order_events ADD COLUMN message_ts text;
-- A final status also goes to the requester by DM: the same once-only bookkeeping, tracked apart so a crash
-- between the channel post and the DM neither loses nor repeats the DM.
ALTER TABLE order_events ADD COLUMN notice_due boolean NOT NULL DEFAULT false;
ALTER TABLE order_events ADD COLUMN notice_posted_at timestamptz;

DROP INDEX order_events_unposted;
CREATE INDEX order_events_undelivered ON order_events (id)
  WHERE posted_at IS NULL OR (notice_due AND notice_posted_at IS NULL);

-- Digest runs: a run claimed by a poster that died is taken over after its lease (claimed_at + lease),
-- looking for the digest in the channel (by its metadata) before posting it.
ALTER TABLE digest_runs ADD COLUMN claims integer NOT NULL DEFAULT 1;
