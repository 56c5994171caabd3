-- Not a table created by an earlier migration.
ALTER TABLE users RENAME COLUMN name TO full_name;
ALTER TABLE sessions RENAME TO user_sessions;
