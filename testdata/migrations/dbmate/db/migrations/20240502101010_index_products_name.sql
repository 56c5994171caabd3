-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY products_name_idx ON products (name);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY products_name_idx;
