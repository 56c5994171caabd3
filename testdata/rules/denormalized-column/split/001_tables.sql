CREATE TABLE authors (id bigint PRIMARY KEY, display_name text);
CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL, author_display_name text); -- want: denormalized-column@"author_display_name" "authors.display_name"
