-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY products_name_idx ON products (name);

-- +goose Down
DROP INDEX CONCURRENTLY products_name_idx;
