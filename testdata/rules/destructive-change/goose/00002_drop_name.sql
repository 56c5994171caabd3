-- +goose Up
ALTER TABLE users DROP COLUMN name; -- want: destructive-change

-- +goose Down
ALTER TABLE users ADD COLUMN name text;
