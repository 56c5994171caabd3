CREATE TABLE events (
  id       bigint PRIMARY KEY,
  payload  jsonb NOT NULL,
  headers  jsonb DEFAULT '{}'::jsonb,
  tags     jsonb[],
  raw      text,
  json_url text                          -- a name, not a type
);

-- A column a later statement retypes or drops is that statement's business.
CREATE TABLE audit (id bigint PRIMARY KEY, old_row json, new_row json);
ALTER TABLE audit ALTER COLUMN old_row TYPE jsonb USING old_row::jsonb;
ALTER TABLE audit DROP COLUMN new_row;

-- A table a later statement drops.
CREATE TABLE tmp_import (line json);
DROP TABLE tmp_import;

-- Queries and casts are not column types.
SELECT '{"a": 1}'::json -> 'a';

-- Suppressed on purpose.
CREATE TABLE webhook_deliveries (id bigint PRIMARY KEY, body json); -- sqlsage-ignore json-not-jsonb signature covers the exact bytes

-- Both forms side by side: the json one is kept on purpose.
CREATE TABLE bets (id int PRIMARY KEY, data_json json, data_jsonb jsonb);

-- A temporary table is scratch space, not schema.
CREATE TEMP TABLE import_rows (js json);
