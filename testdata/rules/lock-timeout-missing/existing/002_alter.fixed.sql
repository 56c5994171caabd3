-- Creating a table locks nothing that exists.
CREATE TABLE sessions (id bigint PRIMARY KEY);
ALTER TABLE sessions ADD COLUMN token text;
  SET lock_timeout = '5s';
  ALTER TABLE accounts ADD COLUMN tier text; -- want: lock-timeout-missing "this statement locks table accounts with no lock_timeout set"
-- Reported once: one SET before the first covers the file.
CREATE INDEX orders_account_id_idx ON orders (account_id);
