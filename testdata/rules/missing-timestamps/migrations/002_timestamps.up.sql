-- accounts gets its timestamps here, so 001 is not reported for it.
ALTER TABLE accounts ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
