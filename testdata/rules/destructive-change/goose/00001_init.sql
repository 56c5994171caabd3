-- +goose Up
CREATE TABLE users (id bigint PRIMARY KEY, name text);

-- +goose Down
DROP TABLE users;
