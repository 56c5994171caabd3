-- +goose Up
DELETE FROM users WHERE email = ''; -- want: missing-down-migration "no down section"
