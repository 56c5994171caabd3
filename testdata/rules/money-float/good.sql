-- Exact types for money, and floats for things that are not money.
CREATE TABLE orders (
  id            bigint PRIMARY KEY,
  total_amount  DECIMAL(10, 2),
  unit_price    numeric(12, 4) NOT NULL,
  price_cents   bigint,
  tax_rate      float8,
  total_weight  real,
  score         double precision,
  latitude      float8
);

-- Suppressed on purpose.
-- sqlsage-ignore money-float estimated planner cost, not money
CREATE TABLE plans (id bigint PRIMARY KEY, cost float8);
CREATE TABLE quotes (id bigint PRIMARY KEY, price float8); -- sqlsage-ignore money-float
