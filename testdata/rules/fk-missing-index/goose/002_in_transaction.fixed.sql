-- +goose Up
-- goose runs this migration in a transaction: no CONCURRENTLY.
ALTER TABLE books ADD CONSTRAINT books_author_fk FOREIGN KEY (author_id) REFERENCES authors; -- want: fk-missing-index
CREATE INDEX idx_books_author_id ON books (author_id);

-- +goose Down
ALTER TABLE books DROP CONSTRAINT books_author_fk;
