-- Not a migration: a setup script may start from scratch.
DROP TABLE IF EXISTS users;
TRUNCATE orders;
