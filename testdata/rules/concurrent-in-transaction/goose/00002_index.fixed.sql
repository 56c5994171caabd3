-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id); -- want: concurrent-in-transaction "and goose runs this migration in one"

-- +goose Down
DROP INDEX CONCURRENTLY orders_user_id_idx;
