-- From PostgreSQL 12 a validated CHECK spares the scan.
ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL);
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
ALTER TABLE accounts ADD CONSTRAINT accounts_name_not_null CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_name_not_null;
ALTER TABLE accounts ALTER COLUMN name SET NOT NULL; -- want: set-not-null-on-existing "validate a CHECK"
ALTER TABLE accounts DROP CONSTRAINT accounts_name_not_null;
