-- Before PostgreSQL 12 SET NOT NULL scans even after a validated CHECK: no fix.
ALTER TABLE accounts ADD CONSTRAINT accounts_email_nn CHECK (email IS NOT NULL);
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL; -- want: set-not-null-on-existing "before PostgreSQL 12 no CHECK constraint avoids the scan"
