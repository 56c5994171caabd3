-- migrate:up
ALTER TABLE schools DROP COLUMN effective_date;
ALTER TABLE schools ADD COLUMN verified_at TIMESTAMPTZ; -- want: timestamp-as-text

-- migrate:down
-- Restores the column as it was.
ALTER TABLE schools ADD COLUMN effective_date text;
ALTER TABLE schools DROP COLUMN verified_at;
