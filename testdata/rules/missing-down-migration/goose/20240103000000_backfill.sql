-- +goose Up
UPDATE users SET email = lower(email); -- want: missing-down-migration "has an empty down section"
CREATE TABLE audit (id bigint PRIMARY KEY);
CREATE INDEX ON audit (id);

-- +goose Down
