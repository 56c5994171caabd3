-- +goose NO TRANSACTION
-- +goose Up
ALTER TABLE accounts ADD COLUMN country text;
UPDATE accounts SET country = 'NZ';
