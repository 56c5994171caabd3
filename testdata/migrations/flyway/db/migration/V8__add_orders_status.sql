ALTER TABLE orders ADD COLUMN status text;
UPDATE orders SET status = 'placed' WHERE status IS NULL;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'placed';
