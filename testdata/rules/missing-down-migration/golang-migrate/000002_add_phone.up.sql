-- The first statement carries the finding.
ALTER TABLE users ADD COLUMN phone text; -- want: missing-down-migration "migration 000002 \(add_phone\) has no down migration \(000002_add_phone.down.sql is missing\), so it cannot be rolled back"
ALTER TABLE users ADD COLUMN fax text;
