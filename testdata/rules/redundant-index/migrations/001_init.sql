CREATE TABLE events (id bigint PRIMARY KEY, account_id bigint NOT NULL, kind text, at timestamptz);
CREATE INDEX events_account ON events (account_id); -- want: redundant-index@"events_account" "events_account_at"
