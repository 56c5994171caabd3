-- Indexes live in their own migration; sqlsage reads them all together,
-- so orders.customer_id counts as indexed.
CREATE INDEX idx_orders_customer_id ON orders (customer_id);
