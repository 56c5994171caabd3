-- A table created in the same file is empty: nothing to rewrite.
CREATE TABLE accounts (id bigint PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();

-- A table the workspace does not create may be empty too.
ALTER TABLE somewhere_else ADD COLUMN token uuid DEFAULT gen_random_uuid();
