DELETE FROM sessions WHERE expires_at < now();
UPDATE users SET active = false WHERE last_seen < now() - interval '1 year';
UPDATE orders o SET total = s.total FROM order_sums s WHERE s.order_id = o.id;
DELETE FROM carts c USING users u WHERE u.id = c.user_id AND u.deleted;

-- Every row on purpose, and said so.
UPDATE settings SET version = version + 1 WHERE true;
TRUNCATE import_staging;

-- A positioned update names its row.
UPDATE items SET seen = true WHERE CURRENT OF item_cursor;
DELETE FROM items WHERE CURRENT OF item_cursor;

-- Not UPDATE or DELETE statements.
INSERT INTO counters (name, n) VALUES ('hits', 1)
ON CONFLICT (name) DO UPDATE SET n = counters.n + 1;
MERGE INTO stock s USING deliveries d ON s.item_id = d.item_id
WHEN MATCHED THEN UPDATE SET qty = s.qty + d.qty
WHEN NOT MATCHED THEN INSERT (item_id, qty) VALUES (d.item_id, d.qty);
GRANT UPDATE, DELETE ON orders TO app;
CREATE TRIGGER orders_audit AFTER UPDATE OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION audit();

-- Suppressed on purpose.
DELETE FROM import_staging; -- sqlsage-ignore update-delete-without-where reloaded nightly

-- Evidently on purpose in a migration: a backfill of a column this file
-- adds, and the rows of a table this file creates.
ALTER TABLE accounts ADD COLUMN plan text, ADD COLUMN plan_since date;
UPDATE accounts SET plan = 'basic', plan_since = created_at::date;
UPDATE accounts a SET (plan) = (SELECT p.name FROM plans p WHERE p.id = a.plan_id);
CREATE TEMP TABLE work_items AS SELECT id FROM items;
DELETE FROM work_items;
CREATE TABLE staging (id bigint, payload jsonb);
UPDATE staging SET payload = '{}';
