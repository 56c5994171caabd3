-- Exact types, money (money-float's business) and measurements.
CREATE TABLE readings (
  id           bigint PRIMARY KEY,
  quantity     numeric NOT NULL,
  unit_price   float8,            -- money-float reports it
  latitude     double precision,
  longitude    double precision,
  temperature  real,
  weight_kg    float8,
  score        float4,
  tax_rate     float8,
  avg_latency_ms double precision,
  embedding    real[]
);

-- A column a later statement retypes or drops is that statement's business.
CREATE TABLE counters (id bigint PRIMARY KEY, hits float8, misses float8);
ALTER TABLE counters ALTER COLUMN hits TYPE bigint;
ALTER TABLE counters DROP COLUMN misses;

-- Casts in queries are not columns.
SELECT 1::float8;

-- A temporary table is scratch space, not schema.
CREATE TEMP TABLE calc (v float8);

-- Words run together, and columns named for their type.
CREATE TABLE shoelace (sl_name text PRIMARY KEY, slminlen float, sl_len float, a_real real, float4col float4);
