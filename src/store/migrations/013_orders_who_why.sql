-- Who and why stay with an order once its request ran: the customer's name as the request's form showed it
-- (channels shorten it to "J. Doe"), the account it was filed under by name (a distributor's bound channel),
-- and the reason or ticket typed on the form. Every order surface (its message and thread, /telegent orders,
-- /telegent status, the requester's DMs, heads-ups, the digest) reads them here, without the request or Telegent.
ALTER TABLE orders ADD COLUMN customer_name text;
ALTER TABLE orders ADD COLUMN account_name text;
ALTER TABLE orders ADD COLUMN request_reason text;

-- Orders recorded before this migration: from their request's stored input, and the channel's binding when
-- the order was filed under the account the channel is still bound to.
UPDATE orders o
SET customer_name = NULLIF(btrim(r.input ->> 'customerName'), ''),
    request_reason = NULLIF(btrim(r.input ->> 'requestReason'), '')
FROM requests r
WHERE r.id = o.request_id;

UPDATE orders o
SET account_name = c.account_name
FROM channel_accounts c
WHERE c.channel_id = o.channel_id AND c.account_id = o.account_id;
