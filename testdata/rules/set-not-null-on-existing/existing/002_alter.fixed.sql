-- Each SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.
ALTER TABLE accounts ADD CONSTRAINT accounts_email_not_null CHECK (email IS NOT NULL) NOT VALID;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_not_null;
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL; -- want: set-not-null-on-existing@"ALTER COLUMN email" "SET NOT NULL on column \"email\" scans all of table accounts under an ACCESS EXCLUSIVE lock; validate a CHECK \(email IS NOT NULL\) constraint first"
ALTER TABLE accounts DROP CONSTRAINT accounts_email_not_null;
ALTER TABLE billing.invoices ADD CONSTRAINT "invoices_Number_not_null" CHECK ("Number" IS NOT NULL) NOT VALID;
ALTER TABLE billing.invoices VALIDATE CONSTRAINT "invoices_Number_not_null";
ALTER TABLE billing.invoices ALTER "Number" SET NOT NULL; -- want: set-not-null-on-existing@"ALTER \"Number\"" "table billing.invoices"
ALTER TABLE billing.invoices DROP CONSTRAINT "invoices_Number_not_null";
  ALTER TABLE events ADD CONSTRAINT events_kind_not_null CHECK (kind IS NOT NULL) NOT VALID;
  ALTER TABLE events VALIDATE CONSTRAINT events_kind_not_null;
  ALTER TABLE ONLY events ALTER COLUMN kind SET NOT NULL; -- want: set-not-null-on-existing
  ALTER TABLE events DROP CONSTRAINT events_kind_not_null;

-- Several commands: each is reported, and there is no fix.
ALTER TABLE accounts
  ALTER COLUMN plan SET NOT NULL, -- want: set-not-null-on-existing@"ALTER COLUMN plan"
  ALTER COLUMN name SET NOT NULL; -- want: set-not-null-on-existing@"ALTER COLUMN name"

-- A validated CHECK (col IS NOT NULL) spares the scan.
ALTER TABLE events ADD CONSTRAINT events_source_nn CHECK (source IS NOT NULL) NOT VALID;
ALTER TABLE events VALIDATE CONSTRAINT events_source_nn;
ALTER TABLE events ALTER COLUMN source SET NOT NULL;
ALTER TABLE events DROP CONSTRAINT events_source_nn;
-- Dropped, it no longer does.
ALTER TABLE events ADD CONSTRAINT events_source_not_null CHECK (source IS NOT NULL) NOT VALID;
ALTER TABLE events VALIDATE CONSTRAINT events_source_not_null;
ALTER TABLE events ALTER COLUMN source SET NOT NULL; -- want: set-not-null-on-existing
ALTER TABLE events DROP CONSTRAINT events_source_not_null;
-- NOT VALID and never validated does not either.
ALTER TABLE events ADD CONSTRAINT events_kind_nn CHECK (kind IS NOT NULL) NOT VALID;
ALTER TABLE events ADD CONSTRAINT events_kind_not_null CHECK (kind IS NOT NULL) NOT VALID;
ALTER TABLE events VALIDATE CONSTRAINT events_kind_not_null;
ALTER TABLE events ALTER COLUMN kind SET NOT NULL; -- want: set-not-null-on-existing
ALTER TABLE events DROP CONSTRAINT events_kind_not_null;

-- Other commands are not this rule.
ALTER TABLE accounts ALTER COLUMN email DROP NOT NULL;
