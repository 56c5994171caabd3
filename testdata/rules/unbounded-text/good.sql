CREATE TABLE customers (
  id            bigint PRIMARY KEY,
  email         varchar(254) NOT NULL,
  phone         varchar(32),
  zip_code      text CHECK (length(zip_code) <= 16),
  country_code  char(2),
  email_verified_at timestamptz,   -- not an address
  phone_verified boolean,
  emails        text[],            -- an array
  email_template text,             -- not an address
  notes         text
);

-- A column a later statement limits is that statement's business.
CREATE TABLE leads (id bigint PRIMARY KEY, email text);
ALTER TABLE leads ALTER COLUMN email TYPE varchar(254);
