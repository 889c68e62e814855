-- The request's one message in the requester's channel (its "story"): posted when the request is filed,
-- edited in place at every step, its thread holding the history; an order the request creates is watched in
-- that same thread (orders.thread_ts is set from it when the order is stored).
ALTER TABLE requests ADD COLUMN story_ts text;
