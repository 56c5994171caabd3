CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(254) UNIQUE, handle text UNIQUE);
CREATE TABLE teams (id serial PRIMARY KEY);
CREATE TABLE tokens (id uuid PRIMARY KEY);
CREATE TABLE orders (
  id        bigint PRIMARY KEY,
  user_id   BIGINT NOT NULL REFERENCES users (id), -- want: fk-type-mismatch@"REFERENCES users" "column \"user_id\" is integer but references users.id of type bigint, so referenced keys above 2,147,483,647 cannot be stored in it"
  team_id   INTEGER REFERENCES teams,                -- want: fk-type-mismatch@"REFERENCES teams" "every join compares across types"
  email     VARCHAR(254) REFERENCES users (email),  -- want: fk-type-mismatch@"REFERENCES users (email)" "longer than the column"
  token     text DEFAULT '' REFERENCES tokens       -- want: fk-type-mismatch@"REFERENCES tokens" "cannot create a foreign key"
);
ALTER TABLE orders ADD COLUMN owner_handle TEXT REFERENCES users (handle); -- want: fk-type-mismatch@"REFERENCES users (handle)"
