BEGIN;
-- CONCURRENTLY would fail here: the fix is offered, not preferred.
CREATE INDEX orders_status_created_idx ON orders (status, created_at); -- want: index-not-concurrent
COMMIT;
