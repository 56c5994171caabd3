CREATE TABLE accounts (id bigint PRIMARY KEY, plan text);
CREATE TABLE audit (id bigint, account_id bigint);
