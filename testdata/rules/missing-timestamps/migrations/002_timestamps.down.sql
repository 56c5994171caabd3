ALTER TABLE accounts DROP COLUMN created_at;
CREATE TABLE old_tokens (id bigint PRIMARY KEY, account_id bigint NOT NULL, token text NOT NULL, note text);
