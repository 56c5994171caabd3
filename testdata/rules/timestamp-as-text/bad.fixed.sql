CREATE TABLE posts (
  id           bigint PRIMARY KEY,
  published_at TIMESTAMPTZ,                 -- want: timestamp-as-text@"varchar(32)" "column \"published_at\" stores a point in time as varchar\(32\)"
  due_date     TIMESTAMPTZ NOT NULL,               -- want: timestamp-as-text@"TEXT"
  start_time   TIMESTAMPTZ,       -- want: timestamp-as-text@"character varying(20)"
  updated_on   TIMESTAMPTZ DEFAULT now(),      -- want: timestamp-as-text@"char(19)"
  "deletedAt"  TIMESTAMPTZ DEFAULT NULL,           -- want: timestamp-as-text@"text"
  archived_at  TIMESTAMPTZ                    -- want: timestamp-as-text@"CHARACTER"
);

ALTER TABLE posts ADD COLUMN reviewed_at TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP; -- want: timestamp-as-text@"text"

-- Reported without a fix: the default or the check would not fit a timestamp,
-- and changing a column's type needs a USING expression.
CREATE TABLE imports (
  id          bigint PRIMARY KEY,
  received_at varchar(32) DEFAULT '',       -- want: timestamp-as-text@"varchar(32)"
  run_date    text CHECK (run_date ~ '^\d{4}-\d{2}-\d{2}$') -- want: timestamp-as-text@"text"
);
ALTER TABLE imports ALTER COLUMN id TYPE bigint, ALTER COLUMN received_at TYPE text; -- want: timestamp-as-text@"text"
