-- Rejected is not final (Telegent's corrected reference): the order still exists at Telegent, can be fixed
-- with an update or cancelled, and blocks a new port-in of the number. Orders an older version closed at
-- Rejected are open again and checked at once; a final status (Completed, Cancelled, Failed) closes them.
-- Only port-ins (Rejected is final for other orders), and only recent ones (Telegent may have dropped older
-- ones); their undelivered Rejected events no longer owe the requester a "finished" DM.
UPDATE order_events e SET notice_due = false
  FROM orders o
  WHERE o.order_id = e.order_id AND o.kind = 'portin' AND lower(o.status) = 'rejected'
    AND o.closed_at > now() - interval '30 days' AND e.notice_posted_at IS NULL;
UPDATE orders SET closed_at = NULL, next_check_at = now()
  WHERE kind = 'portin' AND lower(status) = 'rejected' AND closed_at > now() - interval '30 days';
