DROP TABLE legacy.sessions; -- want: destructive-change "DROP TABLE legacy.sessions deletes its data for good, and running code that still uses it fails; stop using it in a release first and drop it in a later migration \(expand–contract\)"
DROP TABLE IF EXISTS audit_log, old_events CASCADE; -- want: destructive-change "DROP TABLE audit_log, old_events deletes"
ALTER TABLE users DROP COLUMN nickname; -- want: destructive-change@"DROP COLUMN" "DROP COLUMN nickname deletes the column's data in table users for good"
ALTER TABLE users
  ADD COLUMN display_name text,
  DROP COLUMN IF EXISTS avatar; -- want: destructive-change@"DROP COLUMN"
TRUNCATE users; -- want: destructive-change "TRUNCATE users deletes every row for good"
DROP SCHEMA legacy CASCADE; -- want: destructive-change "DROP SCHEMA legacy deletes every object in it and their data"

-- What the file itself created holds nothing yet.
CREATE SCHEMA scratch;
CREATE TABLE scratch.import (id bigint, payload text);
TRUNCATE scratch.import;
ALTER TABLE scratch.import DROP COLUMN payload;
DROP TABLE scratch.import;
DROP SCHEMA scratch;
-- A table the file rebuilds from scratch.
DROP TABLE IF EXISTS settings;
CREATE TABLE settings (key text PRIMARY KEY, value text);
-- Other drops are not data.
DROP INDEX IF EXISTS users_name_idx;
DROP VIEW IF EXISTS active_users;
