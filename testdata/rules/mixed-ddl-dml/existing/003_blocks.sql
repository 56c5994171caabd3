BEGIN;
ALTER TABLE accounts ADD COLUMN region text;
COMMIT;
-- Another explicit transaction: the lock was released at COMMIT.
BEGIN;
UPDATE accounts SET region = 'eu';
COMMIT;
BEGIN;
INSERT INTO audit (id, account_id) SELECT id, id FROM accounts; -- want: mixed-ddl-dml "schema change on line 10"
CREATE INDEX audit_account_id_idx ON audit (account_id);
COMMIT;
