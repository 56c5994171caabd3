CREATE TABLE shop.customers (id bigint PRIMARY KEY);
CREATE TABLE shop.invoices (id bigint PRIMARY KEY);
