-- Fails on the first existing row.
ALTER TABLE accounts ADD COLUMN plan text NOT NULL; -- want: add-column-not-null@"plan text" "column \"plan\" is added NOT NULL without a default, which fails if table accounts has any rows"
ALTER TABLE accounts ADD COLUMN note text NOT NULL DEFAULT NULL; -- want: add-column-not-null "without a default"
ALTER TABLE billing.invoices ADD COLUMN status varchar(20) /* kept */ NOT NULL CHECK (status <> ''); -- want: add-column-not-null@"status" "table billing.invoices"
ALTER TABLE accounts ADD COLUMN ref bigint PRIMARY KEY; -- want: add-column-not-null "PRIMARY KEY without a default"

-- Volatile defaults rewrite the table under an ACCESS EXCLUSIVE lock.
ALTER TABLE accounts ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid(); -- want: add-column-not-null "volatile default gen_random_uuid\(\), which rewrites table accounts under an ACCESS EXCLUSIVE lock"
ALTER TABLE accounts
  ADD COLUMN legacy_id uuid DEFAULT public.uuid_generate_v4() NOT NULL; -- want: add-column-not-null@"legacy_id" "uuid_generate_v4"
ALTER TABLE events ADD COLUMN jitter float8 NOT NULL DEFAULT (random() * 10)::float8; -- want: add-column-not-null "random"
ALTER TABLE events ADD COLUMN seen timestamptz NOT NULL DEFAULT clock_timestamp(); -- want: add-column-not-null "clock_timestamp"

-- Sequences fill every row.
ALTER TABLE events ADD COLUMN seq bigserial; -- want: add-column-not-null "added as bigserial"
ALTER TABLE events ADD COLUMN n int GENERATED ALWAYS AS IDENTITY; -- want: add-column-not-null "identity column \"n\""

-- Several commands: only the unsafe one changes.
ALTER TABLE events
  ADD COLUMN kind text NOT NULL, -- want: add-column-not-null@"kind"
  ADD COLUMN label text;
