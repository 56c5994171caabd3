CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE roles (id bigint PRIMARY KEY);
CREATE TABLE tags (id bigint PRIMARY KEY);
CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users);

CREATE TABLE user_roles (
  user_id bigint NOT NULL REFERENCES users (id),
  role_id bigint NOT NULL REFERENCES roles (id),
  PRIMARY KEY (user_id, role_id)
);
CREATE TABLE post_tags (id bigserial PRIMARY KEY, post_id bigint REFERENCES posts, tag_id bigint REFERENCES tags, UNIQUE (tag_id, post_id));

-- Keys and unique indexes added later count; so do partial ones.
CREATE TABLE post_likes (post_id bigint REFERENCES posts, user_id bigint REFERENCES users);
ALTER TABLE post_likes ADD CONSTRAINT post_likes_pkey PRIMARY KEY (post_id, user_id);
CREATE TABLE bookmarks (post_id bigint REFERENCES posts, user_id bigint REFERENCES users, deleted_at timestamptz);
CREATE UNIQUE INDEX bookmarks_live ON bookmarks (user_id, post_id) WHERE deleted_at IS NULL;

-- One side unique: a one-to-many link, unique as a pair too.
CREATE TABLE user_avatars (user_id bigint UNIQUE REFERENCES users, post_id bigint REFERENCES posts);

-- Not junction tables: a third column that is data, one foreign key, a composite key.
CREATE TABLE memberships (user_id bigint REFERENCES users, role_id bigint REFERENCES roles, note text);
CREATE TABLE audit (user_id bigint REFERENCES users, action text);
CREATE TABLE pairs (a bigint, b bigint, FOREIGN KEY (a, b) REFERENCES pairs_parent (x, y));

-- A temporary table is scratch space.
CREATE TEMP TABLE tmp_links (user_id bigint REFERENCES users, role_id bigint REFERENCES roles);

-- Rows that are things of their own: copies other tables reference, a
-- self-referencing hierarchy, records that outlive a side.
CREATE TABLE films (id bigint PRIMARY KEY);
CREATE TABLE stores (id bigint PRIMARY KEY);
CREATE TABLE inventory (id bigint PRIMARY KEY, film_id bigint NOT NULL REFERENCES films, store_id bigint NOT NULL REFERENCES stores);
CREATE TABLE rentals (id bigint PRIMARY KEY, inventory_id bigint REFERENCES inventory, at timestamptz, returned_at timestamptz);
CREATE TABLE wells (id int PRIMARY KEY, plate_id int REFERENCES stores, parent_well_id int REFERENCES wells);
CREATE TABLE campaign_views (id bigserial PRIMARY KEY, campaign_id bigint NOT NULL REFERENCES posts ON DELETE CASCADE,
  subscriber_id bigint REFERENCES users ON DELETE SET NULL, created_at timestamptz DEFAULT now());

-- A key that a maintenance script drops still says the pair is unique.
CREATE TABLE post_authors (post_id bigint REFERENCES posts, user_id bigint REFERENCES users);
ALTER TABLE post_authors ADD CONSTRAINT post_authors_pkey PRIMARY KEY (post_id, user_id);
ALTER TABLE post_authors DROP CONSTRAINT IF EXISTS post_authors_pkey;

-- Occurrences, which may repeat.
CREATE TABLE post_views (post_id bigint NOT NULL REFERENCES posts, user_id bigint NOT NULL REFERENCES users, created_at timestamptz NOT NULL);
CREATE TABLE session_failed_joins (post_id bigint NOT NULL REFERENCES posts, user_id bigint NOT NULL REFERENCES users, created_at timestamptz NOT NULL);

-- A history of the pair: the key includes the time.
CREATE TABLE post_statuses (post_id bigint NOT NULL REFERENCES posts, tag_id bigint NOT NULL REFERENCES tags, created_at timestamptz NOT NULL DEFAULT now());
ALTER TABLE post_statuses ADD CONSTRAINT post_statuses_pk PRIMARY KEY (post_id, tag_id, created_at);
