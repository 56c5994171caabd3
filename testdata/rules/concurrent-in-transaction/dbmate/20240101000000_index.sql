-- migrate:up
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id); -- want: concurrent-in-transaction "dbmate runs this migration in one"

-- migrate:down
DROP INDEX CONCURRENTLY orders_user_id_idx;
