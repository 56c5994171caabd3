-- The file empties the table first, and creates the other one: nothing to rewrite.
TRUNCATE events;
ALTER TABLE events ADD COLUMN trace uuid DEFAULT gen_random_uuid();
CREATE TABLE sessions (id bigint PRIMARY KEY);
ALTER TABLE sessions ADD COLUMN token uuid DEFAULT gen_random_uuid();
