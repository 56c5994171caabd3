CREATE TABLE artist (id int PRIMARY KEY);
CREATE TABLE tag (id int PRIMARY KEY);
CREATE TABLE artist_tag (artist int NOT NULL REFERENCES artist, tag int NOT NULL REFERENCES tag);
