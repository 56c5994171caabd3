-- Revert shop:create_users from pg

BEGIN;

DROP TABLE users;

COMMIT;
