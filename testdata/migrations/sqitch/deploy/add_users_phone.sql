-- Deploy shop:add_users_phone to pg

BEGIN;

-- Support asked for a phone number on every account.
ALTER TABLE users ADD COLUMN phone text NOT NULL;

COMMIT;
