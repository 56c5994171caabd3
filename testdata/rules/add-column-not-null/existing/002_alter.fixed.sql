-- Fails on the first existing row.
ALTER TABLE accounts ADD COLUMN plan text; -- want: add-column-not-null@"plan text" "column \"plan\" is added NOT NULL without a default, which fails if table accounts has any rows"
-- UPDATE accounts SET plan = <value> WHERE plan IS NULL;  -- run in batches
ALTER TABLE accounts ALTER COLUMN plan SET NOT NULL;
ALTER TABLE accounts ADD COLUMN note text DEFAULT NULL; -- want: add-column-not-null "without a default"
-- UPDATE accounts SET note = <value> WHERE note IS NULL;  -- run in batches
ALTER TABLE accounts ALTER COLUMN note SET NOT NULL;
ALTER TABLE billing.invoices ADD COLUMN status varchar(20) /* kept */ CHECK (status <> ''); -- want: add-column-not-null@"status" "table billing.invoices"
-- UPDATE billing.invoices SET status = <value> WHERE status IS NULL;  -- run in batches
ALTER TABLE billing.invoices ALTER COLUMN status SET NOT NULL;
ALTER TABLE accounts ADD COLUMN ref bigint PRIMARY KEY; -- want: add-column-not-null "PRIMARY KEY without a default"

-- Volatile defaults rewrite the table under an ACCESS EXCLUSIVE lock.
ALTER TABLE accounts ADD COLUMN token uuid; -- want: add-column-not-null "volatile default gen_random_uuid\(\), which rewrites table accounts under an ACCESS EXCLUSIVE lock"
ALTER TABLE accounts ALTER COLUMN token SET DEFAULT gen_random_uuid();
-- UPDATE accounts SET token = gen_random_uuid() WHERE token IS NULL;  -- run in batches
ALTER TABLE accounts ALTER COLUMN token SET NOT NULL;
ALTER TABLE accounts
  ADD COLUMN legacy_id uuid; -- want: add-column-not-null@"legacy_id" "uuid_generate_v4"
ALTER TABLE accounts ALTER COLUMN legacy_id SET DEFAULT public.uuid_generate_v4();
-- UPDATE accounts SET legacy_id = public.uuid_generate_v4() WHERE legacy_id IS NULL;  -- run in batches
ALTER TABLE accounts ALTER COLUMN legacy_id SET NOT NULL;
ALTER TABLE events ADD COLUMN jitter float8; -- want: add-column-not-null "random"
ALTER TABLE events ALTER COLUMN jitter SET DEFAULT (random() * 10)::float8;
-- UPDATE events SET jitter = (random() * 10)::float8 WHERE jitter IS NULL;  -- run in batches
ALTER TABLE events ALTER COLUMN jitter SET NOT NULL;
ALTER TABLE events ADD COLUMN seen timestamptz; -- want: add-column-not-null "clock_timestamp"
ALTER TABLE events ALTER COLUMN seen SET DEFAULT clock_timestamp();
-- UPDATE events SET seen = clock_timestamp() WHERE seen IS NULL;  -- run in batches
ALTER TABLE events ALTER COLUMN seen SET NOT NULL;

-- Sequences fill every row.
ALTER TABLE events ADD COLUMN seq bigserial; -- want: add-column-not-null "added as bigserial"
ALTER TABLE events ADD COLUMN n int GENERATED ALWAYS AS IDENTITY; -- want: add-column-not-null "identity column \"n\""

-- Several commands: only the unsafe one changes.
ALTER TABLE events
  ADD COLUMN kind text, -- want: add-column-not-null@"kind"
  ADD COLUMN label text;
-- UPDATE events SET kind = <value> WHERE kind IS NULL;  -- run in batches
ALTER TABLE events ALTER COLUMN kind SET NOT NULL;
