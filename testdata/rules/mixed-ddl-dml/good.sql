-- A table created in the file is empty.
CREATE TABLE accounts (id bigint PRIMARY KEY, plan text);
ALTER TABLE accounts ADD COLUMN tier text;
UPDATE accounts SET tier = plan;
