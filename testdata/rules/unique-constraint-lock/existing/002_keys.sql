ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- want: unique-constraint-lock@"ADD CONSTRAINT" "UNIQUE constraint users_email_key builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes of table users; create a unique index CONCURRENTLY and add the constraint USING INDEX"
ALTER TABLE users ADD PRIMARY KEY (id); -- want: unique-constraint-lock "PRIMARY KEY constraint users_pkey"
ALTER TABLE billing.invoices ADD UNIQUE (number, id); -- want: unique-constraint-lock "UNIQUE constraint invoices_number_id_key"
ALTER TABLE users ADD CONSTRAINT users_tenant_handle_key UNIQUE (tenant_id, handle) DEFERRABLE; -- want: unique-constraint-lock

-- A partitioned table cannot be indexed concurrently: reported, no fix.
ALTER TABLE events ADD UNIQUE (code, taken_at); -- want: unique-constraint-lock

-- Already built concurrently.
CREATE UNIQUE INDEX CONCURRENTLY users_handle_key ON users (handle);
ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE USING INDEX users_handle_key;
-- Other constraints are not this rule.
ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email <> '') NOT VALID;
