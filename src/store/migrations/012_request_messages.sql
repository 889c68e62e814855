-- What a request shows in Slack is drawn from what is stored (notify/request-messages.ts). One row per request:
-- redraws asked for and drawn (one is owed while asked > drawn), the replica drawing it now (a short lease: one
-- replica draws a request at a time, and a killed replica's redraw is taken over once the lease runs out), when
-- the sweep tries a failed redraw again (a new ask tries at once), and a digest of what the card and the story
-- last showed (a redraw that would change nothing sends nothing).
CREATE TABLE request_messages (
  request_id text PRIMARY KEY REFERENCES requests (id),
  asked bigint NOT NULL DEFAULT 1,
  drawn bigint NOT NULL DEFAULT 0,
  lease_token text,
  leased_until timestamptz,
  failures integer NOT NULL DEFAULT 0,
  retry_at timestamptz,
  card_shows text,
  story_shows text
);
CREATE INDEX request_messages_owed ON request_messages (retry_at) WHERE asked > drawn;
-- A request's posts that must appear once (the card, the story, the decision notice, the outcome lines): claimed
-- before posting, their ts recorded once Slack took them. A claim without a ts whose post may have reached Slack
-- is looked for there (by its message metadata) before it is posted again.
CREATE TABLE request_posts (
  request_id text NOT NULL REFERENCES requests (id),
  post text NOT NULL,
  claims integer NOT NULL DEFAULT 0,
  ts text,
  PRIMARY KEY (request_id, post)
);
