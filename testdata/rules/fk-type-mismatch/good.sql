CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(254) UNIQUE, handle text UNIQUE);
CREATE TABLE teams (id serial PRIMARY KEY);
CREATE TABLE orders (
  id       bigint PRIMARY KEY,
  user_id  int8 NOT NULL REFERENCES users (id),     -- int8 is bigint
  team_id  int4 REFERENCES teams,                   -- serial is integer
  email    character varying(254) REFERENCES users (email),
  handle   varchar REFERENCES users (handle)         -- varchar without a length is text
);
-- Domains and other types are not judged.
CREATE DOMAIN public_id AS text;
CREATE TABLE sessions (id public_id PRIMARY KEY);
CREATE TABLE events (session_id text REFERENCES sessions);
-- A referenced table the workspace does not declare.
CREATE TABLE audit (user_id integer REFERENCES remote_users (id));
