CREATE TABLE customers (
  id            bigint PRIMARY KEY,
  email         text NOT NULL UNIQUE,  -- want: unbounded-text@"text" "column \"email\" is text without a length limit"
  billing_email varchar,               -- want: unbounded-text@"varchar" "VARCHAR\(254\)"
  phone_number  TEXT,                  -- want: unbounded-text@"TEXT" "VARCHAR\(32\)"
  "mobilePhone" text,                  -- want: unbounded-text@"text"
  zip           text,                  -- want: unbounded-text@"text" "VARCHAR\(16\)"
  postal_code   character varying,     -- want: unbounded-text@"character varying"
  country_code  text                   -- want: unbounded-text@"text" "VARCHAR\(2\)"
);
ALTER TABLE customers ADD COLUMN email_address text; -- want: unbounded-text@"text"
