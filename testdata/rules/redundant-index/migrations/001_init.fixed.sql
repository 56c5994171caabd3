CREATE TABLE events (id bigint PRIMARY KEY, account_id bigint NOT NULL, kind text, at timestamptz);
