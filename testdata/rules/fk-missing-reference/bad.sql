CREATE TABLE users (id bigint PRIMARY KEY);
CREATE TABLE categories (id integer PRIMARY KEY);
CREATE TABLE boxes (id uuid PRIMARY KEY);
CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  user_id     bigint NOT NULL, -- want: fk-missing-reference@"user_id" "column \"user_id\" looks like a reference to users but has no foreign key"
  category_id integer,          -- want: fk-missing-reference@"category_id"
  "boxId"     uuid              -- want: fk-missing-reference@"\"boxId\""
);
ALTER TABLE orders ADD COLUMN reviewer_id bigint;
ALTER TABLE orders ADD COLUMN box_id uuid DEFAULT NULL; -- want: fk-missing-reference@"box_id"
