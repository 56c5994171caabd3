CREATE TABLE events (
  id         bigint PRIMARY KEY,
  payload    jsonb NOT NULL,              -- want: json-not-jsonb@"json" "column \"payload\" is typed json"
  headers    JSONB DEFAULT '{}',          -- want: json-not-jsonb@"JSON"
  tags       jsonb[],                     -- want: json-not-jsonb@"json[]"
  "Meta"     jsonb             -- want: json-not-jsonb@"pg_catalog.json"
);

ALTER TABLE events ADD COLUMN context jsonb DEFAULT NULL; -- want: json-not-jsonb@"json"
ALTER TABLE events ALTER COLUMN headers TYPE jsonb; -- want: json-not-jsonb@"json"

-- pg_dump writes defaults with a cast: the cast changes with the type.
CREATE TABLE public.webhooks (
    id integer NOT NULL,
    body jsonb DEFAULT '{}'::jsonb NOT NULL -- want: json-not-jsonb@"json"
);

-- Reported without a fix: json functions in a CHECK do not take jsonb,
-- and a USING expression was written for json.
CREATE TABLE documents (
  id   bigint PRIMARY KEY,
  doc  json CHECK (json_typeof(doc) = 'object') -- want: json-not-jsonb@"json"
);
ALTER TABLE documents ADD COLUMN extra json DEFAULT json_build_object(); -- want: json-not-jsonb@"json"
ALTER TABLE documents ALTER COLUMN doc TYPE json USING doc::json; -- want: json-not-jsonb@"json"
