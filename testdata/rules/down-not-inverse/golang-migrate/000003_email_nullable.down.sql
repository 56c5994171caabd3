ALTER TABLE users ALTER COLUMN email TYPE text; -- want: down-not-inverse "column users.email is no longer NOT NULL"
