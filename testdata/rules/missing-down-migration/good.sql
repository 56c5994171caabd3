-- Not a migration.
CREATE TABLE users (id bigint PRIMARY KEY);
