-- migrate:up
ALTER TABLE users ADD COLUMN phone text;

-- migrate:down
ALTER TABLE users DROP COLUMN phone;
