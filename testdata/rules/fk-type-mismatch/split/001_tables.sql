CREATE TABLE accounts (id bigserial PRIMARY KEY);
CREATE TABLE invoices (id bigserial PRIMARY KEY, account_id integer NOT NULL);
CREATE TABLE credits (id bigserial PRIMARY KEY, account_id integer NOT NULL);
