-- Deploy shop:index_products_name to pg

CREATE INDEX CONCURRENTLY products_name_idx ON products (name);
