CREATE TABLE orders (
  id           bigint PRIMARY KEY,
  total_amount DECIMAL(10, 2),                        -- want: money-float@"float8" "column \"total_amount\" stores money as float8"
  unit_price   DECIMAL(10, 2) NOT NULL,     -- want: money-float@"DOUBLE PRECISION"
  shipping_fee DECIMAL(10, 2) DEFAULT 0 CHECK (shipping_fee >= 0), -- want: money-float@"real"
  tax          DECIMAL(10, 2),                     -- want: money-float@"FLOAT(53)"
  "netPrice"   DECIMAL(10, 2),                        -- want: money-float@"float4"
  price_history DECIMAL(10, 2)[]                      -- want: money-float@"float8[]"
);

ALTER TABLE orders ADD COLUMN discount_total DECIMAL(10, 2) NOT NULL DEFAULT 0; -- want: money-float@"float8"
ALTER TABLE orders ALTER COLUMN unit_price TYPE DECIMAL(10, 2); -- want: money-float@"double precision"
