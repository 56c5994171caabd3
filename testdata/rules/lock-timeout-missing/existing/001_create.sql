CREATE TABLE accounts (id bigint PRIMARY KEY, plan text);
CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint);
