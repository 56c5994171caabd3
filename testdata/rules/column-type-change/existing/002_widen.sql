-- Changes PostgreSQL makes without rewriting the table.
ALTER TABLE users ALTER COLUMN name TYPE varchar(100);
ALTER TABLE users ALTER COLUMN bio TYPE text;
ALTER TABLE users ALTER COLUMN email TYPE varchar;
ALTER TABLE users ALTER COLUMN balance TYPE numeric(14, 2);
ALTER TABLE users ALTER COLUMN rate TYPE numeric;
ALTER TABLE users ALTER COLUMN seen_at TYPE timestamp(3);
ALTER TABLE users ALTER COLUMN net TYPE inet;
ALTER TABLE users ALTER COLUMN nickname TYPE text USING nickname;
ALTER TABLE users ALTER COLUMN tags TYPE text[];
