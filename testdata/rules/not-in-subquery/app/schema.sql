CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE post_tags (post_id bigint NOT NULL, tag_id bigint NOT NULL, PRIMARY KEY (post_id, tag_id));
