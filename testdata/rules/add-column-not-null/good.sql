-- The table is created in this file, so it is still empty when the
-- columns are added: nothing fails and nothing is rewritten.
CREATE TABLE accounts (id bigint PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN plan text NOT NULL;
ALTER TABLE accounts ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE accounts ADD COLUMN seq bigserial;

-- A table the workspace does not create may be empty too.
ALTER TABLE somewhere_else ADD COLUMN plan text NOT NULL;
