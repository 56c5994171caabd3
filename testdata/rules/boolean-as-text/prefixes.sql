-- sqlsage-test: boolean-prefixes=should,allow
-- Configured prefixes add to is, has and can.
CREATE TABLE notifications (
  id            bigint PRIMARY KEY,
  should_notify varchar(1),  -- want: boolean-as-text@"varchar(1)"
  allow_replies text,        -- want: boolean-as-text@"text"
  shoulder_size text         -- a word, not a prefix
);
