\set ON_ERROR_STOP 1
\restrict Gx7s9
-- Statements that peers misread.
WITH recent AS (
  SELECT id

  FROM orders
)
SELECT * FROM recent;

CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN x + 1; -- a semicolon inside the body
END;
$$;

CREATE FUNCTION one() RETURNS int LANGUAGE sql
BEGIN ATOMIC
  SELECT 1;
END;
\connect shop
\i other.sql
SELECT 'it''s; fine', E'a\'; b';
COPY t (a) FROM stdin;
not sql; at all
\.
\unrestrict Gx7s9
