-- Scripts in name order add keys before the tables exist, and a drop
-- script removes them again: the key was still meant.
ALTER TABLE artist_tag ADD CONSTRAINT artist_tag_pkey PRIMARY KEY (artist, tag);
