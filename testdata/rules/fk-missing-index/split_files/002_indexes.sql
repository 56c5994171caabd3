-- Indexes the first file's key on customer_id; referrer_id stays unindexed.
CREATE INDEX idx_accounts_customer_id ON accounts (customer_id);
