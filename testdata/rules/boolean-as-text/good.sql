-- Booleans, and text columns whose names only look like flags.
CREATE TABLE users (
  id             bigint PRIMARY KEY,
  is_active      boolean NOT NULL DEFAULT true,
  has_paid       bool,
  mfa_enabled    boolean,
  issue_title    text,          -- "issue" is not "is"
  hash           text,
  canonical_url  text,
  feature_flag   text NOT NULL, -- the name of a feature flag
  country_flag   text,          -- an emoji
  is_tags        text[],        -- an array is not a text flag
  is_count       integer        -- not text
);

-- A CHECK or a default that names other values makes it a code, not a flag.
CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  status_flag char(1) CHECK (status_flag IN ('A', 'I', 'D')),
  is_shipped  varchar(10) DEFAULT 'pending',
  has_gift    text,
  CONSTRAINT orders_has_gift_check CHECK (has_gift IN ('none', 'wrapped', 'card'))
);

-- A column a later statement retypes or drops is that statement's business.
CREATE TABLE sessions (id bigint PRIMARY KEY, is_remembered text, is_expired text);
ALTER TABLE sessions ALTER COLUMN is_remembered TYPE boolean USING is_remembered = 'Y';
ALTER TABLE sessions DROP COLUMN is_expired;

-- Suppressed on purpose.
CREATE TABLE legacy (id bigint PRIMARY KEY, is_ok char(1)); -- sqlsage-ignore boolean-as-text read by a COBOL export
