CREATE TABLE users (
    id integer PRIMARY KEY,
    name varchar(50),
    bio varchar(200),
    email text,
    nickname text,
    balance numeric(10, 2),
    rate numeric(6, 3),
    seen_at timestamp(0),
    net cidr,
    code varchar(10),
    status text,
    tags text[]
);
CREATE TABLE billing.invoices (id integer PRIMARY KEY, amount numeric(12, 2));
CREATE TABLE drafts (id integer PRIMARY KEY, body varchar(100));
