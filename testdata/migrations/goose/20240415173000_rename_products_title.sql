-- +goose Up
ALTER TABLE products RENAME COLUMN title TO name;

-- +goose Down
ALTER TABLE products RENAME COLUMN name TO title;
