-- From PostgreSQL 11 a constant or stable default is instant.
ALTER TABLE accounts ADD COLUMN tier text DEFAULT 'basic';
ALTER TABLE accounts ADD COLUMN joined_at timestamptz DEFAULT now();
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- want: volatile-default "volatile default gen_random_uuid"
