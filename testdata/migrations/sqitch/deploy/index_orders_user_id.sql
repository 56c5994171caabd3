-- Deploy shop:index_orders_user_id to pg

BEGIN;

CREATE INDEX orders_user_id_idx ON orders (user_id);

COMMIT;
