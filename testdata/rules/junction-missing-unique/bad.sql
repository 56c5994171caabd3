CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE roles (id bigint PRIMARY KEY);
CREATE TABLE tags (id bigint PRIMARY KEY);
CREATE TABLE posts (id bigint PRIMARY KEY);

CREATE TABLE user_roles ( -- want: junction-missing-unique@"user_roles" "junction table user_roles has no primary key or unique constraint over \(user_id, role_id\)"
  user_id    bigint NOT NULL REFERENCES users (id),
  role_id    bigint NOT NULL REFERENCES roles (id), -- the granted role
  granted_at timestamptz NOT NULL DEFAULT now()
);

-- A surrogate key does not stop duplicates: the fix adds UNIQUE.
CREATE TABLE post_tags ( -- want: junction-missing-unique@"post_tags"
	id      bigserial PRIMARY KEY,
	post_id bigint REFERENCES posts,
	tag_id  bigint REFERENCES tags
	-- no key over the pair
);

-- One line, table-level foreign keys.
CREATE TABLE follows (follower_id bigint, followee_id bigint, FOREIGN KEY (follower_id) REFERENCES users, FOREIGN KEY (followee_id) REFERENCES users); -- want: junction-missing-unique@"follows"

-- A non-unique index over the pair is not a key.
CREATE TABLE post_likes (post_id bigint REFERENCES posts, user_id bigint REFERENCES users); -- want: junction-missing-unique@"post_likes"
CREATE INDEX ON post_likes (post_id, user_id);

-- The pair repeats once per period: reported without a fix, the key
-- belongs on the current rows only.
CREATE TABLE tag_owners (tag_id bigint REFERENCES tags, user_id bigint REFERENCES users, created_at timestamptz NOT NULL, revoked_at timestamptz); -- want: junction-missing-unique@"tag_owners"
