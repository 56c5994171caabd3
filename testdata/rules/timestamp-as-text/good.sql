CREATE TABLE posts (
  id           bigint PRIMARY KEY,
  published_at timestamptz,
  due_date     date NOT NULL,
  start_time   time,
  updated_on   timestamp DEFAULT now(),
  -- Names that do not end in a time word.
  date_format  text,
  time_zone    text NOT NULL DEFAULT 'UTC',
  at_risk      text,
  status       varchar(20),
  -- Durations and relations, not points in time.
  response_time text,
  wait_time     varchar(20),
  depends_on    text,
  based_on      varchar(100),
  -- A single word is not a suffix.
  date         text,
  -- Arrays and other types are not this rule.
  seen_at      text[],
  created_at   bigint
);
ALTER TABLE posts ALTER COLUMN published_at TYPE timestamptz;

-- Suppressed on purpose.
CREATE TABLE jobs (id bigint PRIMARY KEY, run_at text); -- sqlsage-ignore timestamp-as-text cron expression
