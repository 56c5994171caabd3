-- Verify shop:create_users on pg

BEGIN;

SELECT 1 FROM users WHERE false;

ROLLBACK;
