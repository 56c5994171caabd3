-- Constant and stable defaults are stored in the catalog since PostgreSQL 11:
-- the column is added instantly.
ALTER TABLE accounts ADD COLUMN tier text NOT NULL DEFAULT 'basic';
ALTER TABLE accounts ADD COLUMN credits int NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN active boolean NOT NULL DEFAULT true;
ALTER TABLE accounts ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE accounts ADD COLUMN seen_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE accounts ADD COLUMN tags text[] NOT NULL DEFAULT '{}'::text[];
ALTER TABLE accounts ADD COLUMN xid bigint NOT NULL DEFAULT txid_current(); -- stable, not volatile

-- Nullable columns fail nowhere.
ALTER TABLE accounts ADD COLUMN nickname text;
ALTER TABLE accounts ADD COLUMN note text NULL DEFAULT 'x';

-- Other commands are not this rule.
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;

-- The file empties the table first.
TRUNCATE TABLE events, accounts;
ALTER TABLE events ADD COLUMN source text NOT NULL;
DELETE FROM billing.invoices;
ALTER TABLE billing.invoices ADD COLUMN number uuid NOT NULL DEFAULT gen_random_uuid();
