-- A file that changes the schema and then its data: the data change runs once.
CREATE TABLE accounts (id bigint PRIMARY KEY, plan text, legacy_plan text);
ALTER TABLE accounts ADD COLUMN tier text;
UPDATE accounts SET tier = 'gold' WHERE legacy_plan = 'premium';
DELETE FROM accounts WHERE plan = 'trial';
DO $$
BEGIN
  UPDATE accounts SET tier = 'free' WHERE plan = 'basic';
END $$;
