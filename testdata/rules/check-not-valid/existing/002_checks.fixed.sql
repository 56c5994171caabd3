ALTER TABLE orders ADD CONSTRAINT orders_total_nonnegative CHECK (total >= 0) NOT VALID; -- want: check-not-valid@"ADD CONSTRAINT" "CHECK constraint orders_total_nonnegative scans all of table orders under an ACCESS EXCLUSIVE lock; add it NOT VALID, then VALIDATE CONSTRAINT"
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_nonnegative;
ALTER TABLE ONLY public.orders ADD CHECK (status IN ('new', 'paid')) NOT VALID; -- want: check-not-valid "orders_status_check"
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CHECK (discount <= total) NOT VALID; -- want: check-not-valid "CHECK constraint orders_check "
ALTER TABLE orders VALIDATE CONSTRAINT orders_check;
ALTER TABLE orders
  ADD CONSTRAINT orders_discount_check CHECK (discount >= 0) NOT VALID, -- want: check-not-valid
  ALTER COLUMN status SET DEFAULT 'new';
ALTER TABLE orders VALIDATE CONSTRAINT orders_discount_check;

-- Already NOT VALID.
ALTER TABLE orders ADD CONSTRAINT orders_total_max CHECK (total < 1000000) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_total_max;
-- A column's CHECK is not this rule.
ALTER TABLE orders ADD COLUMN weight int CHECK (weight > 0);
