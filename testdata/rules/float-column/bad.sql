CREATE TABLE stock (
  id        bigint PRIMARY KEY,
  quantity  double precision NOT NULL, -- want: float-column@"double precision" "column \"quantity\" is stored as double precision"
  version   real,                      -- want: float-column@"real"
  reorder_at FLOAT(53) DEFAULT 10,     -- want: float-column@"FLOAT(53)"
  levels    float8[]                   -- want: float-column@"float8[]"
);
ALTER TABLE stock ADD COLUMN reserved float4 DEFAULT 0; -- want: float-column@"float4"
ALTER TABLE stock ALTER COLUMN version TYPE double precision; -- want: float-column@"double precision"
-- A USING expression was written for the float type: no fix.
ALTER TABLE stock ALTER COLUMN quantity TYPE float8 USING quantity::float8; -- want: float-column@"float8 USING"
