-- A migration added since the base (not modified): fine.
ALTER TABLE users ADD COLUMN name text;
