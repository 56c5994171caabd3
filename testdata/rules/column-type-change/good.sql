-- Not a migration: no earlier migration created the table.
CREATE TABLE users (id integer PRIMARY KEY);
ALTER TABLE users ALTER COLUMN id TYPE bigint;
