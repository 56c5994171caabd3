-- Verify shop:add_users_phone on pg

BEGIN;

SELECT 1 FROM users WHERE false;

ROLLBACK;
