CREATE TABLE events (id bigint PRIMARY KEY, user_id bigint, payload jsonb NOT NULL, tags text[], doc json);
CREATE INDEX events_payload_gin ON events USING GIN (payload);
CREATE INDEX events_user ON events (user_id);
CREATE TABLE docs (id bigint PRIMARY KEY, body jsonb, extra jsonb);
CREATE INDEX docs_body_path ON docs USING gin (body jsonb_path_ops);
CREATE INDEX docs_multi ON docs USING gin (id, extra);

-- Served by a GIN index with an operator class that supports the operator.
SELECT id FROM events WHERE payload @> '{"type": "signup"}';
SELECT id FROM events WHERE payload ? 'user_id';
SELECT id FROM docs WHERE body @> '{"a": 1}';
SELECT id FROM docs WHERE extra ? 'a';
-- Another condition is served by an index: the test filters its rows.
SELECT id FROM events WHERE user_id = $1 AND payload @> '{"type": "signup"}';
SELECT id FROM docs WHERE id = 1 AND body ? 'title';
-- Not a jsonb column: arrays, json, an expression of the column, an unknown table.
SELECT id FROM events WHERE tags @> ARRAY['a'];
SELECT id FROM events WHERE payload -> 'user' ? 'id';
SELECT id FROM unknown_table WHERE data @> '{}';
-- '?' and '@>' in strings and comments: /* payload @> x */
SELECT '@>?' FROM events WHERE id = 1;
