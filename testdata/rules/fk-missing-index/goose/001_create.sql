-- +goose Up
CREATE TABLE authors (id bigint PRIMARY KEY);
CREATE TABLE books (id bigint PRIMARY KEY, author_id bigint, editor_id bigint);

-- +goose Down
DROP TABLE books;
DROP TABLE authors;
