CREATE INDEX CONCURRENTLY orders_id_account_idx ON orders (id, account_id);
UPDATE accounts SET plan = 'basic'; CREATE INDEX accounts_plan_idx ON accounts (plan); -- want: lock-timeout-missing@"CREATE INDEX"
