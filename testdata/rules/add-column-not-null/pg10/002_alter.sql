-- Before PostgreSQL 11 every default rewrites the table.
ALTER TABLE accounts ADD COLUMN tier text NOT NULL DEFAULT 'basic'; -- want: add-column-not-null "before PostgreSQL 11 rewrites table accounts"
ALTER TABLE accounts ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now(); -- want: add-column-not-null
-- Nullable with a default also rewrites there, but that is not this rule.
ALTER TABLE accounts ADD COLUMN source text DEFAULT 'web';
