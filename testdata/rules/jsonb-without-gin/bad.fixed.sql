-- jsonb tests no GIN index serves.
CREATE TABLE events (id bigint PRIMARY KEY, kind text, payload jsonb NOT NULL, "Meta" jsonb);
CREATE INDEX events_payload_btree ON events (payload);

SELECT id FROM events WHERE payload @> '{"type": "signup"}'; -- want: jsonb-without-gin@"payload @>" "@> on jsonb column events.payload has no GIN index to serve it, so it scans every row of events"
CREATE INDEX IF NOT EXISTS idx_events_payload ON events USING GIN (payload);
SELECT id FROM events e WHERE e.payload ? 'user_id'; -- want: jsonb-without-gin@"e.payload" "\? on jsonb column events.payload"
CREATE INDEX IF NOT EXISTS idx_events_payload ON events USING GIN (payload);
SELECT id FROM events WHERE payload ?| array['a', 'b'] AND kind = 'x'; -- want: jsonb-without-gin
CREATE INDEX IF NOT EXISTS idx_events_payload ON events USING GIN (payload);
SELECT id FROM events WHERE "Meta" ?& array['a', 'b']; -- want: jsonb-without-gin@"\"Meta\""
CREATE INDEX IF NOT EXISTS "idx_events_Meta" ON events USING GIN ("Meta");

CREATE TABLE docs (id bigint PRIMARY KEY, body jsonb);
CREATE INDEX docs_body_path ON docs USING gin (body jsonb_path_ops);
SELECT id FROM docs WHERE body ? 'title'; -- want: jsonb-without-gin "cannot use GIN index docs_body_path, whose jsonb_path_ops serves only @>"
CREATE INDEX IF NOT EXISTS idx_docs_body ON docs USING GIN (body);

-- In a routine body: reported without a fix.
CREATE FUNCTION signups() RETURNS SETOF bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY SELECT id FROM events WHERE payload @> '{"type": "signup"}'; -- want: jsonb-without-gin
END $$;
