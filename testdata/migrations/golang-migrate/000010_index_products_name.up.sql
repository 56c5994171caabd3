CREATE INDEX CONCURRENTLY products_name_idx ON products (name);
