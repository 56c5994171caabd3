-- Volatile defaults give every row its own value: the table is rewritten.
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- want: volatile-default@"token uuid" "column \"token\" is added with volatile default gen_random_uuid\(\), which rewrites table accounts under an ACCESS EXCLUSIVE lock"
ALTER TABLE billing.invoices
  ADD COLUMN legacy_id uuid DEFAULT public.uuid_generate_v4(); -- want: volatile-default@"legacy_id" "uuid_generate_v4\(\), which rewrites table billing.invoices"
ALTER TABLE events ADD COLUMN jitter float8 DEFAULT (random() * 10)::float8; -- want: volatile-default "random\(\)"
ALTER TABLE events ADD COLUMN seen timestamptz DEFAULT clock_timestamp(); -- want: volatile-default "clock_timestamp"
ALTER TABLE events ADD COLUMN seen_text text DEFAULT timeofday(); -- want: volatile-default "timeofday"
ALTER TABLE events ADD COLUMN number bigint DEFAULT nextval('event_numbers'); -- want: volatile-default "nextval"
ALTER TABLE events
  ADD COLUMN kind text DEFAULT 'x',
  ADD COLUMN salt bytea DEFAULT gen_random_bytes(16); -- want: volatile-default@"salt" "gen_random_bytes"

-- NOT NULL, PRIMARY KEY, serial and identity columns are add-column-not-null's.
ALTER TABLE accounts ADD COLUMN secret uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE accounts ADD COLUMN ref uuid PRIMARY KEY DEFAULT gen_random_uuid();
ALTER TABLE accounts ADD COLUMN seq bigserial;
ALTER TABLE accounts ADD COLUMN n int GENERATED ALWAYS AS IDENTITY;

-- Constant and stable defaults are stored in the catalog since PostgreSQL 11.
ALTER TABLE accounts ADD COLUMN tier text DEFAULT 'basic';
ALTER TABLE accounts ADD COLUMN joined_at timestamptz DEFAULT now();
ALTER TABLE accounts ADD COLUMN seen_at timestamptz DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE accounts ADD COLUMN note text DEFAULT NULL;
