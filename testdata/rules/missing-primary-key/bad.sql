CREATE TABLE events ( -- want: missing-primary-key@"events" "table events has no primary key"
  -- what happened
  name    text NOT NULL,
  payload jsonb
);

CREATE TABLE page_views (url text NOT NULL, viewed_at timestamptz); -- want: missing-primary-key@"page_views"

CREATE UNLOGGED TABLE "audit"."Log" ( -- want: missing-primary-key@"\"audit\".\"Log\"" "table \"audit\".\"Log\""
	at   timestamptz NOT NULL,
	line text
);

-- A column named id exists: it becomes the key.
CREATE TABLE tokens ( -- want: missing-primary-key@"tokens"
  id    uuid NOT NULL,
  value text
);

-- A natural key that is only UNIQUE is not a primary key.
CREATE TABLE countries (code char(2) NOT NULL UNIQUE, name text); -- want: missing-primary-key

CREATE TABLE markers (); -- want: missing-primary-key@"markers"

-- Reported without a fix: the key of a partitioned or inherited table
-- needs thought, and LIKE may copy an id column (without INCLUDING INDEXES
-- it copies no key).
CREATE TABLE events_archive (LIKE events INCLUDING DEFAULTS); -- want: missing-primary-key@"events_archive"
CREATE TABLE measurements (at date NOT NULL, value int) PARTITION BY RANGE (at); -- want: missing-primary-key@"measurements"
CREATE TABLE special_events (reason text) INHERITS (events); -- want: missing-primary-key@"special_events"
