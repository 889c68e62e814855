-- Rejected is not final (Telegent's corrected reference): the order still exists at Telegent, can be fixed
-- with an update or cancelled, and blocks a new port-in of the number. Orders an older version closed at
-- Rejected are open again and checked at once; a final status (Completed, Cancelled, Failed) closes them.
UPDATE orders SET closed_at = NULL, next_check_at = now()
  WHERE closed_at IS NOT NULL AND lower(status) = 'rejected';
