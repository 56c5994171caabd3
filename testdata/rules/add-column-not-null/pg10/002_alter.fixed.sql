-- Before PostgreSQL 11 every default rewrites the table.
ALTER TABLE accounts ADD COLUMN tier text; -- want: add-column-not-null "before PostgreSQL 11 rewrites table accounts"
ALTER TABLE accounts ALTER COLUMN tier SET DEFAULT 'basic';
-- UPDATE accounts SET tier = 'basic' WHERE tier IS NULL;  -- run in batches
ALTER TABLE accounts ALTER COLUMN tier SET NOT NULL;
ALTER TABLE accounts ADD COLUMN joined_at timestamptz; -- want: add-column-not-null
ALTER TABLE accounts ALTER COLUMN joined_at SET DEFAULT now();
-- UPDATE accounts SET joined_at = now() WHERE joined_at IS NULL;  -- run in batches
ALTER TABLE accounts ALTER COLUMN joined_at SET NOT NULL;
-- Nullable with a default also rewrites there, but that is not this rule.
ALTER TABLE accounts ADD COLUMN source text DEFAULT 'web';
