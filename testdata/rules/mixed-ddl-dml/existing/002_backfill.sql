ALTER TABLE accounts ADD COLUMN tier text;
UPDATE accounts SET tier = plan; -- want: mixed-ddl-dml "rows of table accounts are backfilled in the same transaction as the schema change on line 1"
DELETE FROM audit WHERE account_id IS NULL;
INSERT INTO audit (id, account_id) VALUES (1, 1);
