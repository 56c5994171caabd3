-- +goose NO TRANSACTION
-- +goose Up
ALTER TABLE books ADD CONSTRAINT books_editor_fk FOREIGN KEY (editor_id) REFERENCES authors; -- want: fk-missing-index
