CREATE TABLE customers (id bigint PRIMARY KEY);
CREATE TABLE orders (
  id          bigint PRIMARY KEY,
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  referrer_id bigint REFERENCES customers ON UPDATE CASCADE ON DELETE SET NULL,
  agent_id    bigint REFERENCES customers (id) ON DELETE NO ACTION -- a decision, written down
);
CREATE TABLE order_lines (
  order_id bigint,
  CONSTRAINT order_lines_order_fk FOREIGN KEY (order_id) REFERENCES orders ON DELETE CASCADE
);
ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_fk2 FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE /* children go too */ CASCADE;

-- A key that a later statement drops is that statement's business.
CREATE TABLE notes (id bigint PRIMARY KEY, order_id bigint CONSTRAINT notes_order_fk REFERENCES orders);
ALTER TABLE notes DROP CONSTRAINT notes_order_fk;
