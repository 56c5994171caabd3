-- A later migration adds the composite index that makes 001's redundant.
CREATE INDEX CONCURRENTLY events_account_at ON events (account_id, at);
CREATE INDEX IF NOT EXISTS events_account_at ON events (account_id, at);
