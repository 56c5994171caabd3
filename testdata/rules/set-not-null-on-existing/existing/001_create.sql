CREATE TABLE accounts (id bigint PRIMARY KEY, email text, plan text, name text);
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, "Number" text);
CREATE TABLE events (id bigint PRIMARY KEY, kind text, source text);
