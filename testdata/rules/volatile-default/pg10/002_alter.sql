-- Before PostgreSQL 11 every non-null default rewrites the table.
ALTER TABLE accounts ADD COLUMN tier text DEFAULT 'basic'; -- want: volatile-default "with a default, which before PostgreSQL 11 rewrites table accounts"
ALTER TABLE accounts ADD COLUMN joined_at timestamptz DEFAULT now(); -- want: volatile-default "before PostgreSQL 11"
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- want: volatile-default "volatile default gen_random_uuid"
ALTER TABLE accounts ADD COLUMN note text DEFAULT NULL;
ALTER TABLE accounts ADD COLUMN plain text;
