BEGIN;
ALTER TABLE users ADD COLUMN phone text; -- want: missing-down-migration "sqitch change users_phone has no revert script \(revert/users_phone.sql\), so it cannot be reverted"
COMMIT;
