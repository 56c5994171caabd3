UPDATE accounts SET plan = 'basic' WHERE plan IS NULL;
