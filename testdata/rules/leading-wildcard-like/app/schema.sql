CREATE TABLE products (id bigint PRIMARY KEY, sku text NOT NULL, title text NOT NULL);
CREATE UNIQUE INDEX products_sku ON products (sku);
