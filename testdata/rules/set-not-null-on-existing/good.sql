-- A table created in the same file is empty.
CREATE TABLE accounts (id bigint PRIMARY KEY, email text);
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;

-- A table the workspace does not create is unknown.
ALTER TABLE somewhere_else ALTER COLUMN email SET NOT NULL;
