CREATE TABLE customers (
  id           bigint PRIMARY KEY,
  sha256       text,      -- a number in a name
  ipv4         inet,
  ipv6         inet,
  x1 int, y1 int, x2 int, y2 int, -- corners of one box
  phone2       text,      -- one numbered column is not a family
  version3     text,
  version5     text,      -- no consecutive numbers
  tags         text[],    -- an array
  tag_ids      bigint[],
  user_ids     jsonb,
  mailing_list bigint,    -- not text
  list         text       -- a word, not a list of things
);
-- A column a later statement drops.
CREATE TABLE leads (id bigint PRIMARY KEY, note1 text, note2 text);
ALTER TABLE leads DROP COLUMN note2;
-- The two ends of a relationship, and slots derived from a document.
CREATE TABLE l_artist_label (id serial PRIMARY KEY, entity0 integer NOT NULL, entity1 integer NOT NULL);
CREATE TABLE merges (id bigint PRIMARY KEY, project_id_1 int NOT NULL REFERENCES leads, project_id_2 int NOT NULL REFERENCES leads);
CREATE TABLE visibility (id bigint PRIMARY KEY, attrs jsonb,
  keyword01 text GENERATED ALWAYS AS (attrs->>'keyword01') STORED,
  keyword02 text GENERATED ALWAYS AS (attrs->>'keyword02') STORED);
-- Two numbered columns that are two different measures.
CREATE TABLE tenk (unique1 int4, unique2 int4, stringu1 name, stringu2 name);
CREATE TABLE ndistinct (filler1 text, filler2 numeric, a int, filler3 date);
