CREATE TABLE users (id bigint PRIMARY KEY, name text, email text);
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, "Number" text);
CREATE TABLE sessions (id bigint PRIMARY KEY);
