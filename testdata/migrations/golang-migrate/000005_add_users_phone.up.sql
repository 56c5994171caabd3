-- Support asked for a phone number on every account.
ALTER TABLE users ADD COLUMN phone text NOT NULL;
