-- +goose Up
ALTER TABLE users ADD COLUMN status text;
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';

-- +goose Down
ALTER TABLE users ALTER COLUMN status DROP DEFAULT; -- want: down-not-inverse "migration 20240102000000 \(add_status\): column users.status remains"
