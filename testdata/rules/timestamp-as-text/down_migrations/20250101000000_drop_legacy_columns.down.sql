-- A golang-migrate down file restores the old column too.
ALTER TABLE schools ADD COLUMN effective_date text;
