CREATE TABLE orders (
  id         bigint PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now() -- want: updated-at-without-trigger@"updated_at" "table orders has updated_at but no BEFORE UPDATE trigger"
);

-- The second table shares the function the first fix adds.
CREATE TABLE shop.customers (id bigint PRIMARY KEY, updated_at timestamptz); -- want: updated-at-without-trigger@"updated_at"

-- An AFTER trigger, or one on INSERT only, does not maintain it.
CREATE TABLE invoices (id bigint PRIMARY KEY, updated_at timestamptz); -- want: updated-at-without-trigger@"updated_at"
CREATE TRIGGER invoices_audit AFTER UPDATE ON invoices FOR EACH ROW EXECUTE FUNCTION audit();
CREATE TRIGGER invoices_touch BEFORE INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION touch();
