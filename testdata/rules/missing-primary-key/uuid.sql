-- sqlsage-test: primary-key-style=uuid
-- The configured style decides the column the fix adds.
CREATE TABLE sessions ( -- want: missing-primary-key@"sessions"
  user_id bigint NOT NULL,
  token   text NOT NULL
);
CREATE TABLE api_keys (owner text NOT NULL, secret text NOT NULL); -- want: missing-primary-key@"api_keys"
-- An existing id column still becomes the key, whatever the style.
CREATE TABLE devices (id uuid NOT NULL, name text); -- want: missing-primary-key@"devices"
