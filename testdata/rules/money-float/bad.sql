CREATE TABLE orders (
  id           bigint PRIMARY KEY,
  total_amount float8,                        -- want: money-float@"float8" "column \"total_amount\" stores money as float8"
  unit_price   DOUBLE PRECISION NOT NULL,     -- want: money-float@"DOUBLE PRECISION"
  shipping_fee real DEFAULT 0 CHECK (shipping_fee >= 0), -- want: money-float@"real"
  tax          FLOAT(53),                     -- want: money-float@"FLOAT(53)"
  "netPrice"   float4,                        -- want: money-float@"float4"
  price_history float8[]                      -- want: money-float@"float8[]"
);

ALTER TABLE orders ADD COLUMN discount_total float8 NOT NULL DEFAULT 0; -- want: money-float@"float8"
ALTER TABLE orders ALTER COLUMN unit_price TYPE double precision; -- want: money-float@"double precision"
