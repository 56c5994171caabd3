-- +goose Up
ALTER TABLE users ADD COLUMN phone text, ADD COLUMN phone_verified boolean; -- want: missing-down-migration "migration 20240102000000 \(add_phone\) has no down section \(-- \+goose Down\), so it cannot be rolled back"
CREATE INDEX users_phone_idx ON users (phone);
CREATE TABLE billing.invoices (id bigint PRIMARY KEY);

-- +goose Down
DROP TABLE billing.invoices;
DROP INDEX users_phone_idx;
ALTER TABLE users DROP COLUMN phone_verified, DROP COLUMN phone;
