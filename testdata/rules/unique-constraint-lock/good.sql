CREATE TABLE users (id bigint, email text NOT NULL);
ALTER TABLE users ADD PRIMARY KEY (id);
ALTER TABLE users ADD UNIQUE (email);
ALTER TABLE somewhere_else ADD UNIQUE (email);
