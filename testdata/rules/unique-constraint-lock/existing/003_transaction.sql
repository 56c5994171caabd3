BEGIN;
-- CONCURRENTLY fails in the block: the fix is offered, not preferred.
ALTER TABLE users ADD CONSTRAINT users_handle_unique UNIQUE (handle); -- want: unique-constraint-lock
COMMIT;
