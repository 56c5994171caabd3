-- Two statements: golang-migrate sends them as one query, one implicit transaction.
CREATE INDEX CONCURRENTLY orders_user_id_idx ON orders (user_id); -- want: concurrent-in-transaction@"CONCURRENTLY" "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and golang-migrate sends this file as one query, which PostgreSQL runs as one implicit transaction: the migration fails"
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
