DELETE FROM sessions; -- want: update-delete-without-where@"DELETE FROM sessions" "DELETE without WHERE removes every row of sessions"
UPDATE users SET active = false; -- want: update-delete-without-where@"UPDATE users" "UPDATE without WHERE changes every row of users"
delete from only public.audit_log; -- want: update-delete-without-where@"delete from only public.audit_log"

-- A join in FROM or USING is not a condition.
UPDATE orders o SET total = s.total FROM order_sums s; -- want: update-delete-without-where@"UPDATE orders"
DELETE FROM carts USING users; -- want: update-delete-without-where

-- Across lines, the span starts at the keyword.
DELETE -- want: update-delete-without-where@"DELETE"
  FROM events;

-- Inside WITH, EXPLAIN, rules and SQL-standard function bodies.
WITH gone AS (
  DELETE FROM carts RETURNING id -- want: update-delete-without-where@"DELETE FROM carts"
)
SELECT count(*) FROM gone;
WITH touched AS (UPDATE items SET seen = true RETURNING id) -- want: update-delete-without-where@"UPDATE items"
DELETE FROM queue WHERE item_id IN (SELECT id FROM touched);
EXPLAIN ANALYZE UPDATE "Stock" SET qty = 0; -- want: update-delete-without-where@"UPDATE \"Stock\"" "every row of \"Stock\""
CREATE RULE purge_on_reset AS ON INSERT TO resets DO ALSO DELETE FROM cache; -- want: update-delete-without-where@"DELETE FROM cache"
CREATE FUNCTION reset_counters() RETURNS void LANGUAGE sql
BEGIN ATOMIC
  UPDATE counters SET n = 0; -- want: update-delete-without-where@"UPDATE counters"
END;

-- A backfill that also sets an older column is not only a backfill.
ALTER TABLE accounts ADD COLUMN plan text;
UPDATE accounts SET plan = 'basic', updated_at = now(); -- want: update-delete-without-where
-- A column added to another table does not count.
UPDATE users SET plan = 'basic'; -- want: update-delete-without-where
