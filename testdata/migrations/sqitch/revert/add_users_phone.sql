-- Revert shop:add_users_phone from pg

BEGIN;

ALTER TABLE users DROP COLUMN phone;

COMMIT;
