CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE billing.invoices (id bigint PRIMARY KEY);
CREATE TABLE events (id bigint PRIMARY KEY);
CREATE SEQUENCE event_numbers;
