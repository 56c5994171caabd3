CREATE TABLE accounts (id bigint PRIMARY KEY);
ALTER TABLE accounts ADD COLUMN plan text;
