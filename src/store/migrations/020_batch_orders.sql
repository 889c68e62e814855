-- A batch (a port-in of several numbers) is one request with one order per number, all answering in the request's
-- thread: the outbox asks whether an order shares its thread with others (one post per batch thread, lines named
-- by number), the story and the digest read a request's orders. Both are look-ups by these columns.
CREATE INDEX orders_thread ON orders (channel_id, thread_ts) WHERE thread_ts IS NOT NULL;
CREATE INDEX orders_request ON orders (request_id) WHERE request_id IS NOT NULL;
