ALTER TABLE users RENAME COLUMN name TO full_name; -- want: rename-breaking "renaming column users.name to full_name breaks running code that still uses the old name"
ALTER TABLE billing.invoices RENAME "Number" TO invoice_number; -- want: rename-breaking "billing.invoices.\"Number\""
ALTER TABLE sessions RENAME TO user_sessions; -- want: rename-breaking "renaming table sessions to user_sessions breaks running code"

-- A column this file added is new.
ALTER TABLE users ADD COLUMN phone text;
ALTER TABLE users RENAME COLUMN phone TO phone_number;
-- Constraints and indexes are not used by name in queries.
ALTER TABLE users RENAME CONSTRAINT users_pkey TO users_id_pkey;
ALTER INDEX users_email_idx RENAME TO users_email_key;
-- A table the file created.
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
ALTER TABLE drafts RENAME COLUMN body TO content;
ALTER TABLE drafts RENAME TO notes;
