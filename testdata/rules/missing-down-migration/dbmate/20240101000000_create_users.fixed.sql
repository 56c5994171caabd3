-- migrate:up
CREATE TABLE users (id bigint PRIMARY KEY); -- want: missing-down-migration "migration 20240101000000 \(create_users\) has no down section \(-- migrate:down\)"

-- migrate:down
DROP TABLE users;
