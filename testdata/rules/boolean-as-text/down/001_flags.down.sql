-- A down migration restores the old schema as it was.
ALTER TABLE prefs ALTER COLUMN email_enabled TYPE varchar(1);
