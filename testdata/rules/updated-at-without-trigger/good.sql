CREATE OR REPLACE FUNCTION touch_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = clock_timestamp();
  RETURN NEW;
END $$;

CREATE TABLE orders (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch_row();

-- Any BEFORE UPDATE row trigger counts, added by a later statement too.
CREATE TABLE customers (id bigint PRIMARY KEY, updated_at timestamptz);
ALTER TABLE customers ADD COLUMN note text;
CREATE TRIGGER customers_touch BEFORE INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE PROCEDURE touch_row();

-- Other names, temporary tables, a dropped column.
CREATE TABLE events (id bigint PRIMARY KEY, updated timestamptz, modified_at timestamptz);
CREATE TEMP TABLE scratch (id int, updated_at timestamptz);
CREATE TABLE notes (id bigint PRIMARY KEY, updated_at timestamptz);
ALTER TABLE notes DROP COLUMN updated_at;
