-- sqlsage-test: boolean-prefixes=should,allow
-- Configured prefixes add to is, has and can.
CREATE TABLE notifications (
  id            bigint PRIMARY KEY,
  should_notify BOOLEAN,  -- want: boolean-as-text@"varchar(1)"
  allow_replies BOOLEAN,        -- want: boolean-as-text@"text"
  shoulder_size text         -- a word, not a prefix
);
