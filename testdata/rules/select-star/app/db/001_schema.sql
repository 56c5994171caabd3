CREATE TABLE accounts (
  id         bigint PRIMARY KEY,
  name       text NOT NULL,
  plan       text NOT NULL DEFAULT 'free'
);
