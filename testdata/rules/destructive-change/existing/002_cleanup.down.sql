-- A down migration undoes an up: its drops are expected.
DROP TABLE users;
ALTER TABLE users DROP COLUMN name;
